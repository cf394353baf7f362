import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/api';
import { WATCH_KEYS } from '../../src/api';
import { SEEN_KEY, countUnread, lastSeen, markSeen } from '../../src/alerts';
import { WATCH_FIELDS, parseWatchlistForm, splitList } from '../../src/watchlist';

const form = (fields: Record<string, string>) => ({ name: 'Ports', webhook: '', ...fields });

describe('splitList', () => {
  it('splits on commas and newlines, trims, drops empties and repeats in any case', () => {
    expect(splitList(' Kimsuky,APT43 ,, kimsuky\nLazarus  Group ,')).toEqual(['Kimsuky', 'APT43', 'Lazarus Group']);
    expect(splitList('')).toEqual([]);
    expect(splitList(' , \n ')).toEqual([]);
  });
});

describe('parseWatchlistForm', () => {
  it('has one field per key of the contract', () => {
    expect(WATCH_FIELDS.map((f) => f.key)).toEqual([...WATCH_KEYS]);
  });
  it('sends only the keys filled in, values split', () => {
    const r = parseWatchlistForm(form({ actors: 'Kimsuky, APT43', keywords: 'port authority', malware: ' ' }));
    expect(r).toEqual({ ok: true, body: { name: 'Ports', query: { actors: ['Kimsuky', 'APT43'], keywords: ['port authority'] } } });
  });
  it('normalises CVEs, refangs domains and keeps IP ranges', () => {
    const r = parseWatchlistForm(
      form({ cves: 'cve-2023-23397', domains: 'Example[.]ORG, mail.example.org.', networks: '192.0.2.0/24, 2001:DB8::/32, 198.51.100.7' }),
    );
    expect(r.ok && r.body.query).toEqual({
      cves: ['CVE-2023-23397'],
      domains: ['example.org', 'mail.example.org'],
      networks: ['192.0.2.0/24', '2001:db8::/32', '198.51.100.7'],
    });
  });
  it('keeps the webhook when it is http(s)', () => {
    const r = parseWatchlistForm(form({ actors: 'APT28', webhook: ' https://hooks.example.org/x ' }));
    expect(r.ok && r.body.webhook).toBe('https://hooks.example.org/x');
  });
  it('refuses what the reader can fix, naming the field', () => {
    expect(parseWatchlistForm(form({ name: '  ', actors: 'APT28' }))).toMatchObject({ ok: false, field: 'name' });
    expect(parseWatchlistForm(form({ name: 'x'.repeat(201), actors: 'APT28' }))).toMatchObject({ ok: false, field: 'name' });
    expect(parseWatchlistForm(form({}))).toMatchObject({ ok: false, field: 'actors' });
    expect(parseWatchlistForm(form({ actors: ' , ' }))).toMatchObject({ ok: false, field: 'actors' });
    expect(parseWatchlistForm(form({ cves: 'CVE-2023-1' }))).toMatchObject({ ok: false, field: 'cves' });
    expect(parseWatchlistForm(form({ domains: 'not a domain' }))).toMatchObject({ ok: false, field: 'domains' });
    expect(parseWatchlistForm(form({ domains: 'https://example.org/x' }))).toMatchObject({ ok: false, field: 'domains' });
    expect(parseWatchlistForm(form({ networks: '300.1.1.1' }))).toMatchObject({ ok: false, field: 'networks' });
    expect(parseWatchlistForm(form({ networks: '192.0.2.0/33' }))).toMatchObject({ ok: false, field: 'networks' });
    expect(parseWatchlistForm(form({ networks: '1::2::3' }))).toMatchObject({ ok: false, field: 'networks' });
    const js = parseWatchlistForm(form({ actors: 'APT28', webhook: 'javascript:alert(1)' }));
    expect(js).toMatchObject({ ok: false, field: 'webhook' });
    if (!js.ok) expect(js.error).toMatch(/http/);
  });
});

describe('unread alerts', () => {
  afterEach(() => localStorage.clear());
  const alert = (id: number) => ({ id }) as Alert;
  it('counts alerts newer than the last seen id', () => {
    expect(countUnread([alert(12), alert(11), alert(9)], 10)).toBe(2);
    expect(countUnread([], 10)).toBe(0);
  });
  it('remembers the newest seen id and never moves back', () => {
    expect(lastSeen()).toBe(0);
    markSeen([alert(7), alert(12)]);
    expect(localStorage.getItem(SEEN_KEY)).toBe('12');
    markSeen([alert(3)]);
    expect(lastSeen()).toBe(12);
    localStorage.setItem(SEEN_KEY, 'junk');
    expect(lastSeen()).toBe(0);
  });
});

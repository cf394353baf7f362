// The watchlist form's model, free of the DOM: the fields per query key,
// splitting comma-separated input, and the checks made before the request
// (the server checks again; these only catch what a reader can fix at once).
import { NewWatchlist, WATCH_KEYS, WatchKey, WatchQuery } from './api';
import { safeUrl } from './dom';

export interface WatchField {
  key: WatchKey;
  label: string;
  placeholder: string;
  /** The value as sent, or an error message for the reader. */
  check?: (value: string) => string | { error: string };
}

const CVE = /^CVE-\d{4}-\d{4,}$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]*:[0-9a-f:.]*$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

function cve(v: string): string | { error: string } {
  return CVE.test(v) ? v.toUpperCase() : { error: `${v} is not a CVE id (CVE-2024-12345)` };
}

/** Domains may be pasted defanged ("example[.]com"): refanged and lower-cased. */
function domain(v: string): string | { error: string } {
  const d = v.replace(/\[\.\]|\(\.\)|\{\.\}/g, '.').replace(/\.$/, '').toLowerCase();
  return HOST.test(d) ? d : { error: `${v} is not a domain name (example.org)` };
}

/** An IPv4 or IPv6 address, optionally with a prefix length (192.0.2.0/24, 2001:db8::/32). */
function network(v: string): string | { error: string } {
  const n = v.replace(/\[\.\]/g, '.');
  const slash = n.indexOf('/');
  const addr = slash < 0 ? n : n.slice(0, slash);
  const prefix = slash < 0 ? null : n.slice(slash + 1);
  const v4 = IPV4.test(addr);
  const v6 = !v4 && IPV6.test(addr) && addr.split('::').length <= 2;
  const max = v4 ? 32 : 128;
  const prefixOk = prefix === null || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
  return (v4 || v6) && prefixOk ? n.toLowerCase() : { error: `${v} is not an IP address or range (192.0.2.0/24)` };
}

/** The form's fields, in the order shown. */
export const WATCH_FIELDS: readonly WatchField[] = [
  { key: 'actors', label: 'Actors', placeholder: 'Kimsuky, APT28' },
  { key: 'malware', label: 'Malware', placeholder: 'LockBit, Cobalt Strike' },
  { key: 'cves', label: 'CVEs', placeholder: 'CVE-2023-23397', check: cve },
  { key: 'sectors', label: 'Sectors', placeholder: 'Energy, Government' },
  { key: 'countries', label: 'Countries', placeholder: 'Germany, KR' },
  { key: 'keywords', label: 'Keywords', placeholder: 'port authority, zero-day' },
  { key: 'domains', label: 'Your domains', placeholder: 'example.org', check: domain },
  { key: 'networks', label: 'Your IP ranges', placeholder: '192.0.2.0/24', check: network },
];
// Every key of the contract has a field, once.
if (WATCH_FIELDS.map((f) => f.key).join() !== WATCH_KEYS.join()) throw new Error('watchlist fields out of step with WATCH_KEYS');

/** Comma- or newline-separated values, trimmed, empty ones dropped, repeats (any case) kept once. */
export function splitList(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(/[,\n]/)) {
    const v = part.trim().replace(/\s+/g, ' ');
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

export type FormInput = { name: string; webhook: string } & Partial<Record<WatchKey, string>>;
export type FormResult = { ok: true; body: NewWatchlist } | { ok: false; field: string; error: string };

/** The request body for POST /watchlists, or the first problem and the field it is in. */
export function parseWatchlistForm(input: FormInput): FormResult {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) return { ok: false, field: 'name', error: 'A watchlist needs a name.' };
  if (name.length > 200) return { ok: false, field: 'name', error: 'The name is longer than 200 characters.' };
  const query: WatchQuery = {};
  for (const f of WATCH_FIELDS) {
    const values: string[] = [];
    for (const v of splitList(input[f.key] ?? '')) {
      const checked = f.check ? f.check(v) : v;
      if (typeof checked !== 'string') return { ok: false, field: f.key, error: `${f.label}: ${checked.error}` };
      if (!values.includes(checked)) values.push(checked);
    }
    if (values.length) query[f.key] = values;
  }
  if (Object.keys(query).length === 0) {
    return { ok: false, field: 'actors', error: 'Fill in at least one of actors, malware, CVEs, sectors, countries, keywords, domains or IP ranges.' };
  }
  const webhook = input.webhook.trim();
  if (webhook && !safeUrl(webhook)) return { ok: false, field: 'webhook', error: 'The webhook must be an http:// or https:// URL.' };
  return { ok: true, body: webhook ? { name, query, webhook } : { name, query } };
}

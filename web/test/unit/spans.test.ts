import { describe, expect, it } from 'vitest';
import { ByteIndex, highlight } from '../../src/spans';

const enc = new TextEncoder();
/** The byte span of the first occurrence of needle in text. */
function bytesOf(text: string, needle: string): [number, number] {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error('needle missing');
  const start = enc.encode(text.slice(0, i)).length;
  return [start, start + enc.encode(needle).length];
}

describe('ByteIndex', () => {
  it('is the identity on ASCII', () => {
    const idx = new ByteIndex('hello world');
    expect(idx.byteLength).toBe(11);
    for (let i = 0; i <= 11; i++) expect(idx.toIndex(i)).toBe(i);
  });

  it('maps 2-, 3- and 4-byte characters', () => {
    // é = 2 bytes, € = 3 bytes, 😀 = 4 bytes and 2 UTF-16 units
    const text = 'é€😀x';
    const idx = new ByteIndex(text);
    expect(idx.byteLength).toBe(enc.encode(text).length);
    expect(idx.byteLength).toBe(10);
    expect(idx.toIndex(0)).toBe(0);
    expect(idx.toIndex(2)).toBe(1); // after é
    expect(idx.toIndex(5)).toBe(2); // after €
    expect(idx.toIndex(9)).toBe(4); // after 😀 (surrogate pair)
    expect(idx.toIndex(10)).toBe(5);
  });

  it('rounds offsets inside a character down for starts and up for ends', () => {
    const idx = new ByteIndex('a😀b');
    expect(idx.toIndex(2, 'floor')).toBe(1);
    expect(idx.toIndex(2, 'ceil')).toBe(3);
    expect(idx.range(2, 3)).toEqual([1, 3]);
  });

  it('rejects offsets out of range or not integers', () => {
    const idx = new ByteIndex('abc');
    expect(idx.toIndex(-1)).toBeNull();
    expect(idx.toIndex(4)).toBeNull();
    expect(idx.toIndex(1.5)).toBeNull();
    expect(idx.range(2, 1)).toBeNull();
    expect(idx.range(1, 1)).toBeNull();
  });

  it('finds the right substring after multi-byte text', () => {
    const text = 'Les attaquants — « APT28 » — ont utilisé 203.0.113.7 😈 puis evil.example';
    const idx = new ByteIndex(text);
    for (const needle of ['APT28', '203.0.113.7', 'evil.example', '😈', 'utilisé']) {
      const [s, e] = bytesOf(text, needle);
      const r = idx.range(s, e)!;
      expect(text.slice(r[0], r[1])).toBe(needle);
    }
  });

  it('counts a lone surrogate as the 3 bytes of U+FFFD', () => {
    const text = 'a\uD800b';
    const idx = new ByteIndex(text);
    expect(idx.byteLength).toBe(enc.encode(text).length);
    expect(idx.toIndex(4)).toBe(2);
  });
});

describe('highlight', () => {
  it('cuts text into plain and marked pieces at byte spans', () => {
    const text = 'Über Lazarus nutzte 198.51.100.1.';
    const [as, ae] = bytesOf(text, 'Lazarus');
    const [is, ie] = bytesOf(text, '198.51.100.1');
    const pieces = highlight(text, [
      { start: is, end: ie, data: 'ip' },
      { start: as, end: ae, data: 'actor' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.marks.length).map((p) => [p.text, p.marks])).toEqual([
      ['Lazarus', ['actor']],
      ['198.51.100.1', ['ip']],
    ]);
  });

  it('keeps overlapping marks, shortest first', () => {
    const text = 'see http://evil.example/x now';
    const [us, ue] = bytesOf(text, 'http://evil.example/x');
    const [ds, de] = bytesOf(text, 'evil.example');
    const pieces = highlight(text, [
      { start: us, end: ue, data: 'url' },
      { start: ds, end: de, data: 'domain' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    const dom = pieces.find((p) => p.text === 'evil.example')!;
    expect(dom.marks).toEqual(['domain', 'url']);
    expect(pieces.find((p) => p.text === 'http://')!.marks).toEqual(['url']);
  });

  it('ignores spans that fall outside the text', () => {
    const pieces = highlight('short', [{ start: 3, end: 99, data: 'x' }]);
    expect(pieces).toEqual([{ text: 'short', marks: [] }]);
  });
});

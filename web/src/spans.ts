// Findings come with spans as UTF-8 byte offsets into the article text;
// JavaScript strings index UTF-16 code units. ByteIndex converts one to the
// other and highlight() cuts the text into plain and marked pieces.

export class ByteIndex {
  /** boundaries[k] = string index of the k-th code point; byteAt[k] its byte offset. */
  private readonly bytePos: number[] = [];
  private readonly strPos: number[] = [];
  readonly byteLength: number;
  readonly text: string;

  constructor(text: string) {
    this.text = text;
    let bytes = 0;
    let i = 0;
    while (i < text.length) {
      this.bytePos.push(bytes);
      this.strPos.push(i);
      const c = text.codePointAt(i)!;
      // Lone surrogates are written as U+FFFD (3 bytes) by any UTF-8 encoder.
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c < 0x10000) bytes += 3;
      else bytes += 4;
      i += c >= 0x10000 ? 2 : 1;
    }
    this.bytePos.push(bytes);
    this.strPos.push(text.length);
    this.byteLength = bytes;
  }

  /**
   * String index for a byte offset. An offset inside a multi-byte character
   * goes to that character's start ('floor') or the next one's ('ceil').
   * Returns null for offsets that are not integers or are out of range.
   */
  toIndex(byteOffset: number, mode: 'floor' | 'ceil' = 'floor'): number | null {
    if (!Number.isInteger(byteOffset) || byteOffset < 0 || byteOffset > this.byteLength) return null;
    // Binary search for the last boundary <= byteOffset.
    let lo = 0;
    let hi = this.bytePos.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bytePos[mid] <= byteOffset) lo = mid;
      else hi = mid - 1;
    }
    if (this.bytePos[lo] !== byteOffset && mode === 'ceil') lo += 1;
    return this.strPos[lo];
  }

  /** A byte span [start, end) as a string range, or null when it is unusable. */
  range(start: number, end: number): [number, number] | null {
    const s = this.toIndex(start, 'floor');
    const e = this.toIndex(end, 'ceil');
    if (s === null || e === null || e <= s) return null;
    return [s, e];
  }
}

export interface Mark<T> {
  start: number; // byte offset
  end: number; // byte offset
  data: T;
}

export interface Piece<T> {
  text: string;
  /** Marks covering this piece, shortest first; empty for plain text. */
  marks: T[];
}

/**
 * Cuts text into pieces at every mark boundary. Overlapping and nested marks
 * are kept: each piece lists every mark covering it, shortest first.
 */
export function highlight<T>(text: string, marks: Mark<T>[]): Piece<T>[] {
  const index = new ByteIndex(text);
  const ranges: { s: number; e: number; data: T }[] = [];
  for (const m of marks) {
    const r = index.range(m.start, m.end);
    if (r) ranges.push({ s: r[0], e: r[1], data: m.data });
  }
  const cuts = new Set<number>([0, text.length]);
  for (const r of ranges) {
    cuts.add(r.s);
    cuts.add(r.e);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece<T>[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    if (a === b) continue;
    const covering = ranges
      .filter((r) => r.s <= a && r.e >= b)
      .sort((x, y) => x.e - x.s - (y.e - y.s));
    const piece = text.slice(a, b);
    const last = pieces[pieces.length - 1];
    if (covering.length === 0 && last && last.marks.length === 0) last.text += piece;
    else pieces.push({ text: piece, marks: covering.map((r) => r.data) });
  }
  return pieces;
}

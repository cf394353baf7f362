// A small SVG bar chart of mentions per day, drawn with DOM APIs.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

const DAY = 86400000;

function parseDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? t : null;
}

function dayString(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Every day from the first to the last in the timeline, with 0 where absent (at most maxDays, the latest). */
export function fillDays(timeline: Record<string, unknown>, maxDays = 366): [string, number][] {
  const known = new Map<number, number>();
  for (const [k, v] of Object.entries(timeline ?? {})) {
    const t = parseDay(k);
    if (t === null || typeof v !== 'number' || !Number.isFinite(v) || v < 0) continue;
    known.set(t, (known.get(t) ?? 0) + v);
  }
  if (known.size === 0) return [];
  const days = [...known.keys()].sort((a, b) => a - b);
  const last = days[days.length - 1];
  const first = Math.max(days[0], last - (maxDays - 1) * DAY);
  const out: [string, number][] = [];
  for (let t = first; t <= last; t += DAY) out.push([dayString(t), known.get(t) ?? 0]);
  return out;
}

export function timelineChart(timeline: Record<string, unknown>): Element {
  const days = fillDays(timeline);
  if (days.length === 0) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = 'No mentions recorded.';
    return p;
  }
  const W = 600;
  const H = 160;
  const padL = 28;
  const padB = 22;
  const padT = 8;
  const max = Math.max(1, ...days.map(([, n]) => n));
  const total = days.reduce((s, [, n]) => s + n, 0);
  const slot = (W - padL) / days.length;
  const barW = Math.max(1, slot * 0.8);
  const plotH = H - padB - padT;
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'timeline',
    role: 'img',
    'aria-label': `${total} mentions from ${days[0][0]} to ${days[days.length - 1][0]}, at most ${max} in a day`,
  });
  root.append(svg('line', { x1: padL, y1: H - padB, x2: W, y2: H - padB, class: 'axis' }));
  root.append(svg('text', { x: padL - 4, y: padT + 8, class: 'label', 'text-anchor': 'end' }, String(max)));
  root.append(svg('text', { x: padL - 4, y: H - padB, class: 'label', 'text-anchor': 'end' }, '0'));
  days.forEach(([day, n], i) => {
    if (n === 0) return;
    const bh = (n / max) * plotH;
    const bar = svg('rect', {
      x: padL + i * slot + (slot - barW) / 2,
      y: H - padB - bh,
      width: barW,
      height: bh,
      class: 'bar',
      'data-day': day,
    });
    bar.append(svg('title', {}, `${day}: ${n}`));
    root.append(bar);
  });
  root.append(svg('text', { x: padL, y: H - 6, class: 'label', 'text-anchor': 'start' }, days[0][0]));
  if (days.length > 1) {
    root.append(svg('text', { x: W, y: H - 6, class: 'label', 'text-anchor': 'end' }, days[days.length - 1][0]));
  }
  return root;
}

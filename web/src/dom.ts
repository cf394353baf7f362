// Small DOM helpers. Every piece of data reaches the page through
// textContent, createTextNode or setAttribute: never through innerHTML.

export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Creates an element; attributes named on* take listener functions. */
export function h(tag: string, attrs: Attrs | null = null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'class') {
        el.className = String(value);
      } else if (key === 'href') {
        // Only internal hash routes may go through h(); outside links use extLink().
        const v = String(value);
        if (!v.startsWith('#')) throw new Error('h(): use extLink() for outside URLs');
        el.setAttribute('href', v);
      } else if (/^on/i.test(key) || key === 'style' || key === 'src' || key === 'srcdoc') {
        throw new Error(`h(): attribute ${key} is not allowed`);
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  for (const c of children) append(el, c);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** The URL if it is absolute http(s), else null. */
export function safeUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!u.hostname) return null;
  return u.href;
}

/**
 * A link to an outside page when the URL is http(s); otherwise the label as
 * plain text in a span (marked so the reader sees the link was withheld).
 */
export function extLink(raw: unknown, label?: string): HTMLElement {
  const url = safeUrl(raw);
  const text = label ?? (typeof raw === 'string' ? raw : '');
  if (!url) {
    const span = h('span', { class: 'unsafe-link', title: 'not an http(s) link' }, text);
    return span;
  }
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  a.referrerPolicy = 'no-referrer';
  a.className = 'ext';
  a.textContent = text || url;
  return a;
}

/** A hash route built from path segments, each encoded. */
export function route(...segments: string[]): string {
  return '#/' + segments.map((s) => encodeURIComponent(s)).join('/');
}

export function fmtTime(unix: unknown): string {
  if (typeof unix !== 'number' || !Number.isFinite(unix) || unix <= 0) return '—';
  const d = new Date(unix * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An RFC 3339 time as the unix seconds fmtTime() and timeEl() take (0 when unreadable). */
export function rfc3339(s: unknown): number {
  const t = typeof s === 'string' ? Date.parse(s) : NaN;
  return Number.isFinite(t) ? Math.floor(t / 1000) : 0;
}

export function timeEl(unix: unknown): HTMLElement {
  const el = h('time', null, fmtTime(unix));
  if (typeof unix === 'number' && Number.isFinite(unix) && unix > 0) {
    el.setAttribute('datetime', new Date(unix * 1000).toISOString());
  }
  return el;
}

export function fmtConfidence(c: unknown): string {
  if (typeof c !== 'number' || !Number.isFinite(c)) return '—';
  return c <= 1 ? `${Math.round(c * 100)}%` : String(c);
}

export function str(v: unknown, fallback = ''): string {
  if (v === null || v === undefined) return fallback;
  return typeof v === 'string' ? v : String(v);
}

export function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function arr<T = unknown>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

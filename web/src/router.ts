// Hash routing: #/name/seg1/seg2?key=value. Segments are URI-encoded.

export interface Route {
  name: string;
  args: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  let h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h.startsWith('/')) h = h.slice(1);
  const qAt = h.indexOf('?');
  const query = new URLSearchParams(qAt >= 0 ? h.slice(qAt + 1) : '');
  const path = qAt >= 0 ? h.slice(0, qAt) : h;
  const parts = path.split('/').filter((p) => p !== '');
  const decoded = parts.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { name: decoded[0] ?? '', args: decoded.slice(1), query };
}

export function hashWithQuery(base: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === null || v === undefined || v === '' || v === false) continue;
    p.set(k, v === true ? '1' : String(v));
  }
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

import { h, num, str } from './dom';

export function loading(text = 'Loading…'): HTMLElement {
  return h('p', { class: 'muted', role: 'status' }, text);
}

export function errorBox(e: unknown): HTMLElement {
  const msg = e instanceof Error ? e.message : str(e, 'unknown error');
  return h('p', { class: 'error', role: 'alert' }, `Error: ${msg}`);
}

export function badge(text: string, kind = ''): HTMLElement {
  return h('span', { class: `badge ${kind}`.trim() }, text);
}

/** The relevance of an article or story in any of the shapes the API gives. */
export function relevanceBadge(rel: unknown): HTMLElement | null {
  let label = '';
  let score: number | null = null;
  if (typeof rel === 'string') label = rel;
  else if (typeof rel === 'number') score = rel;
  else if (rel && typeof rel === 'object') {
    const r = rel as { label?: unknown; score?: unknown };
    label = str(r.label);
    score = typeof r.score === 'number' ? r.score : null;
  }
  if (!label && score === null) return null;
  const text = [label, score !== null ? score.toFixed(2) : ''].filter(Boolean).join(' ');
  const kind = /noise/i.test(label) ? 'rel-noise' : /border/i.test(label) ? 'rel-borderline' : 'rel-security';
  return badge(text, kind);
}

export function count(n: unknown, one: string, many = one + 's'): string {
  const v = num(n);
  return `${v} ${v === 1 ? one : many}`;
}

export function section(title: string, ...body: (Node | null)[]): HTMLElement {
  return h('section', null, h('h2', null, title), ...body.filter((b): b is Node => b !== null));
}

/** Types of entity that the UI treats as techniques (ATT&CK). */
export function isTechnique(type: unknown): boolean {
  return /^(technique|attack-pattern|ttp)$/i.test(str(type));
}

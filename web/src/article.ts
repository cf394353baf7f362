// Renders an article's text with its findings highlighted in place.

import type { Article } from './api';
import { arr, extLink, h, num, route, str, timeEl } from './dom';
import { highlight, Mark } from './spans';
import { relevanceBadge } from './ui';

export interface Finding {
  kind: 'observable' | 'entity';
  type: string;
  value: string;
}

export function typeClass(type: string): string {
  return type.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'other';
}

export function findingMarks(article: Pick<Article, 'findings'>): Mark<Finding>[] {
  const marks: Mark<Finding>[] = [];
  const f = article.findings ?? { observables: [], entities: [] };
  for (const o of arr<{ type: unknown; value: unknown; spans: unknown }>(f.observables)) {
    for (const s of arr<{ start: unknown; end: unknown }>(o.spans)) {
      marks.push({ start: num(s.start, -1), end: num(s.end, -1), data: { kind: 'observable', type: str(o.type), value: str(o.value) } });
    }
  }
  for (const e of arr<{ type: unknown; name: unknown; spans: unknown }>(f.entities)) {
    for (const s of arr<{ start: unknown; end: unknown }>(e.spans)) {
      marks.push({ start: num(s.start, -1), end: num(s.end, -1), data: { kind: 'entity', type: str(e.type), value: str(e.name) } });
    }
  }
  return marks;
}

/** The article text as DOM: text nodes and <a class="mark"> for findings. */
export function renderText(text: string, marks: Mark<Finding>[]): HTMLElement {
  const body = h('div', { class: 'article-text' });
  for (const piece of highlight(text, marks)) {
    if (piece.marks.length === 0) {
      body.append(document.createTextNode(piece.text));
      continue;
    }
    const top = piece.marks[0];
    const href = top.kind === 'observable' ? route('indicator', top.value) : route('entity', top.value);
    const title = piece.marks.map((m) => `${m.type}: ${m.value}`).join('\n');
    body.append(
      h(
        'a',
        {
          href,
          class: `mark mark-${top.kind} t-${typeClass(top.type)}`,
          title,
          'data-kind': top.kind,
          'data-type': top.type,
        },
        piece.text,
      ),
    );
  }
  return body;
}

export function articleView(a: Article, headingLevel: 'h1' | 'h3' = 'h3'): HTMLElement {
  const rel = a.relevance ?? ({} as Article['relevance']);
  const reasons = arr(rel?.reasons).map((r) => str(r));
  const text = str(a.text);
  const marks = findingMarks(a);
  const observables = arr(a.findings?.observables).length;
  const entities = arr(a.findings?.entities).length;
  return h(
    'article',
    { class: 'article' },
    h(headingLevel, { class: 'article-title' }, str(a.title, '(untitled)')),
    h(
      'div',
      { class: 'meta' },
      timeEl(a.published_at),
      ' · ',
      extLink(a.url, 'original'),
      ' ',
      relevanceBadge(rel),
    ),
    reasons.length ? h('p', { class: 'reasons muted' }, 'Relevance: ', reasons.join(', ')) : null,
    h(
      'p',
      { class: 'legend muted' },
      `${observables} observable${observables === 1 ? '' : 's'}`,
      ' ',
      h('span', { class: 'mark mark-observable sample' }, 'like this'),
      `, ${entities} entit${entities === 1 ? 'y' : 'ies'} `,
      h('span', { class: 'mark mark-entity sample' }, 'like this'),
    ),
    text ? renderText(text, marks) : h('p', { class: 'muted' }, 'No text stored for this article.'),
  );
}

import type { IndicatorHit, SearchHit } from './api';
import { extLink, h, route, str, timeEl } from './dom';
import { relevanceBadge } from './ui';

export function hitList(hits: (SearchHit | IndicatorHit)[], cls = 'hits'): HTMLElement {
  const ol = h('ol', { class: cls });
  for (const hit of hits) {
    const story = hit.story !== null && hit.story !== undefined && str(hit.story) !== '' ? str(hit.story) : null;
    const ind = hit as IndicatorHit;
    ol.append(
      h(
        'li',
        { class: 'hit', 'data-jk': true },
        h('a', { href: route('article', str(hit.id)) }, str(hit.title, '(untitled)')),
        h(
          'div',
          { class: 'meta' },
          timeEl(hit.published_at),
          ' · ',
          extLink(hit.url, 'original'),
          story ? [' · ', h('a', { href: route('story', story) }, 'story')] : null,
          'relevance' in hit ? [' ', relevanceBadge((hit as SearchHit).relevance)] : null,
          ind.type ? [' · ', h('span', { class: 'badge' }, str(ind.type))] : null,
        ),
        ind.context ? h('p', { class: 'context' }, str(ind.context)) : null,
      ),
    );
  }
  return ol;
}

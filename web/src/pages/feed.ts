import { api, StorySummary } from '../api';
import { clear, h, route, str, timeEl } from '../dom';
import { hashWithQuery } from '../router';
import { badge, count, errorBox, loading, relevanceBadge } from '../ui';
import type { PageContext } from '../main';

const SPANS: [string, string][] = [
  ['1d', 'Today (24 h)'],
  ['2d', '2 days'],
  ['7d', '7 days'],
  ['30d', '30 days'],
];
const PAGE = 50;

function storyItem(s: StorySummary): HTMLElement {
  const rel = relevanceBadge(s.relevance ?? s.score);
  return h(
    'li',
    { class: 'story', 'data-jk': true },
    h('a', { href: route('story', str(s.id)), class: 'story-title' }, str(s.title, '(untitled)')),
    h(
      'div',
      { class: 'meta' },
      badge(count(s.sources, 'source'), 'sources'),
      ' ',
      count(s.articles, 'article'),
      ' · first ',
      timeEl(s.first_seen),
      ' · last ',
      timeEl(s.last_seen),
      rel ? [' ', rel] : null,
    ),
  );
}

export async function feedPage(root: HTMLElement, _args: string[], query: URLSearchParams, ctx: PageContext) {
  const since = query.get('since') || '1d';
  const minSources = query.get('min_sources') || '';
  const noise = query.get('noise') === '1';
  ctx.setTitle('Stories');

  const sinceSel = h('select', { id: 'f-since', name: 'since' }) as HTMLSelectElement;
  const known = SPANS.some(([v]) => v === since);
  for (const [v, label] of known ? SPANS : [...SPANS, [since, since] as [string, string]]) {
    const o = h('option', { value: v }, label) as HTMLOptionElement;
    o.selected = v === since;
    sinceSel.append(o);
  }
  const minInput = h('input', {
    id: 'f-min',
    name: 'min_sources',
    type: 'number',
    min: 1,
    max: 99,
    inputmode: 'numeric',
    placeholder: 'any',
    value: minSources,
  }) as HTMLInputElement;
  const noiseBox = h('input', { id: 'f-noise', name: 'noise', type: 'checkbox' }) as HTMLInputElement;
  noiseBox.checked = noise;

  const apply = () => {
    location.hash = hashWithQuery('#/', {
      since: sinceSel.value === '1d' ? '' : sinceSel.value,
      min_sources: minInput.value,
      noise: noiseBox.checked,
    });
  };
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Story filters' },
    h('span', { class: 'pair' }, h('label', { for: 'f-since' }, 'Since'), sinceSel),
    h('span', { class: 'pair' }, h('label', { for: 'f-min' }, 'Min. sources'), minInput),
    h('label', { class: 'check' }, noiseBox, ' Include noise'),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  sinceSel.addEventListener('change', apply);
  noiseBox.addEventListener('change', apply);

  const list = h('ol', { class: 'stories', 'aria-label': 'Stories' });
  const status = h('div', { class: 'list-status' });
  root.append(
    h('h1', null, 'Stories'),
    form,
    h('p', { class: 'hint muted' }, 'Keys: j / k move through the list, Enter opens, / searches.'),
    list,
    status,
  );

  const load = async (cursor: string | null) => {
    clear(status);
    status.append(loading());
    try {
      const res = await api.stories({
        since,
        min_sources: minSources ? Number(minSources) : '',
        limit: PAGE,
        cursor,
        include_noise: noise,
      });
      if (!ctx.alive()) return;
      clear(status);
      const stories = Array.isArray(res?.stories) ? res.stories : [];
      for (const s of stories) list.append(storyItem(s));
      if (!cursor && stories.length === 0) status.append(h('p', { class: 'muted' }, 'No stories in this period.'));
      if (res?.next_cursor) {
        const more = h('button', { type: 'button', class: 'more' }, 'Load more');
        more.addEventListener('click', () => void load(str(res.next_cursor)));
        status.append(more);
      }
    } catch (e) {
      if (!ctx.alive()) return;
      clear(status);
      status.append(errorBox(e));
    }
  };
  await load(null);
}

import { api, IndicatorHit, SearchHit } from '../api';
import { arr, h, route } from '../dom';
import { hitList } from '../hits';
import { hashWithQuery } from '../router';
import { errorBox, loading, section } from '../ui';
import type { PageContext } from '../main';

function indicatorForm(value = ''): HTMLElement {
  const input = h('input', {
    id: 'ioc-q',
    type: 'search',
    name: 'indicator',
    placeholder: 'IP, domain, URL, hash, CVE…',
    value,
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  }) as HTMLInputElement;
  const form = h(
    'form',
    { class: 'searchbar', role: 'search', 'aria-label': 'Indicator lookup' },
    h('label', { for: 'ioc-q' }, 'Indicator'),
    input,
    h('button', { type: 'submit' }, 'Look up'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = input.value.trim();
    if (v) location.hash = route('indicator', v);
  });
  return form;
}

function textForm(q: string, noise: boolean): HTMLElement {
  const input = h('input', {
    id: 'text-q',
    type: 'search',
    name: 'q',
    placeholder: 'Words in titles and text',
    value: q,
    required: true,
  }) as HTMLInputElement;
  const box = h('input', { id: 'text-noise', type: 'checkbox', name: 'noise' }) as HTMLInputElement;
  box.checked = noise;
  const form = h(
    'form',
    { class: 'searchbar', role: 'search', 'aria-label': 'Article search' },
    h('label', { for: 'text-q' }, 'Articles'),
    input,
    h('label', { class: 'check' }, box, ' Include noise'),
    h('button', { type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = input.value.trim();
    if (v) location.hash = hashWithQuery('#/search', { q: v, noise: box.checked });
  });
  return form;
}

export async function searchPage(root: HTMLElement, _args: string[], query: URLSearchParams, ctx: PageContext) {
  const q = query.get('q') ?? '';
  const noise = query.get('noise') === '1';
  ctx.setTitle(q ? `Search: ${q}` : 'Search');
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  root.append(h('h1', null, 'Search'), textForm(q, noise), indicatorForm(), results);
  if (!q) {
    (root.querySelector('#text-q') as HTMLInputElement | null)?.focus();
    return;
  }
  results.append(loading());
  try {
    const hits = arr<SearchHit>(await api.search(q, noise));
    if (!ctx.alive()) return;
    results.replaceChildren(
      section(
        `${hits.length} article${hits.length === 1 ? '' : 's'}`,
        hits.length ? hitList(hits) : h('p', { class: 'muted' }, 'Nothing found.'),
      ),
    );
  } catch (e) {
    if (ctx.alive()) results.replaceChildren(errorBox(e));
  }
}

export async function indicatorPage(root: HTMLElement, args: string[], _q: URLSearchParams, ctx: PageContext) {
  const value = args.join('/');
  ctx.setTitle(`Indicator ${value}`);
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  root.append(h('h1', null, 'Indicator ', h('code', { class: 'ioc' }, value)), indicatorForm(value), results);
  if (!value) return;
  results.append(loading());
  try {
    const hits = arr<IndicatorHit>(await api.indicator(value));
    if (!ctx.alive()) return;
    results.replaceChildren(
      section(
        `Seen in ${hits.length} article${hits.length === 1 ? '' : 's'}`,
        hits.length ? hitList(hits) : h('p', { class: 'muted' }, 'Not seen in any stored article.'),
      ),
    );
  } catch (e) {
    if (ctx.alive()) results.replaceChildren(errorBox(e));
  }
}

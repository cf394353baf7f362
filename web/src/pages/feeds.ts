import { api, Feed } from '../api';
import { arr, extLink, h, num, str, timeEl } from '../dom';
import { badge, errorBox, loading } from '../ui';
import type { PageContext } from '../main';

function healthBadge(f: Feed): HTMLElement {
  const hl = f.health ?? ({} as Feed['health']);
  const fails = num(hl.consecutive_failures);
  if (fails >= 3) return badge(`failing (${fails})`, 'bad');
  if (fails > 0) return badge(`${fails} failure${fails === 1 ? '' : 's'}`, 'warn');
  if (!hl.last_success) return badge('never fetched', 'warn');
  return badge('ok', 'ok');
}

function feedRow(f: Feed, onRemove: (f: Feed) => void): HTMLElement {
  const hl = f.health ?? ({} as Feed['health']);
  const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Remove feed ${str(f.title, str(f.url))}` }, 'Remove');
  remove.addEventListener('click', () => onRemove(f));
  return h(
    'tr',
    { 'data-url': str(f.url) },
    h('td', { 'data-label': 'Feed' }, h('strong', null, str(f.title, '(no title)')), h('br'), extLink(f.url, str(f.url))),
    h('td', { 'data-label': 'Category' }, str(f.category)),
    h('td', { 'data-label': 'Health' }, healthBadge(f)),
    h('td', { 'data-label': 'Last success' }, timeEl(hl.last_success)),
    h(
      'td',
      { 'data-label': 'Last error' },
      hl.last_error ? [timeEl(hl.last_error), h('div', { class: 'small error-text' }, str(hl.last_error_message))] : '—',
    ),
    h('td', { 'data-label': 'Items/day', class: 'num' }, num(hl.items_per_day).toFixed(1)),
    h('td', { 'data-label': 'Items', class: 'num' }, String(num(hl.items_total))),
    h('td', null, remove),
  );
}

export async function feedsPage(root: HTMLElement, _a: string[], _q: URLSearchParams, ctx: PageContext) {
  ctx.setTitle('Feeds');
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const tableHolder = h('div', { class: 'table-wrap' });
  const url = h('input', { id: 'feed-url', type: 'url', name: 'url', required: true, placeholder: 'https://example.org/feed.xml' }) as HTMLInputElement;
  const title = h('input', { id: 'feed-title', type: 'text', name: 'title', placeholder: 'optional' }) as HTMLInputElement;
  const category = h('input', { id: 'feed-category', type: 'text', name: 'category', placeholder: 'e.g. news, vendor' }) as HTMLInputElement;
  const form = h(
    'form',
    { class: 'feed-form', 'aria-label': 'Add a feed' },
    h('span', { class: 'field wide' }, h('label', { for: 'feed-url' }, 'URL'), url),
    h('span', { class: 'field' }, h('label', { for: 'feed-title' }, 'Title'), title),
    h('span', { class: 'field' }, h('label', { for: 'feed-category' }, 'Category'), category),
    h('button', { type: 'submit' }, 'Add feed'),
  );

  const reload = async () => {
    tableHolder.replaceChildren(loading());
    try {
      const feeds = arr<Feed>(await api.feeds());
      if (!ctx.alive()) return;
      const sorted = [...feeds].sort((a, b) => num(b.health?.consecutive_failures) - num(a.health?.consecutive_failures) || str(a.title).localeCompare(str(b.title)));
      tableHolder.replaceChildren(
        h('p', { class: 'muted' }, `${feeds.length} feed${feeds.length === 1 ? '' : 's'}`),
        h(
          'table',
          { class: 'feeds stack' },
          h(
            'thead',
            null,
            h('tr', null, ...['Feed', 'Category', 'Health', 'Last success', 'Last error', 'Items/day', 'Items', ''].map((t) => h('th', { scope: 'col' }, t))),
          ),
          h('tbody', null, ...sorted.map((f) => feedRow(f, remove))),
        ),
      );
    } catch (e) {
      if (ctx.alive()) tableHolder.replaceChildren(errorBox(e));
    }
  };

  const remove = async (f: Feed) => {
    if (!window.confirm(`Remove the feed ${str(f.url)}?`)) return;
    try {
      await api.removeFeed(str(f.url));
      status.replaceChildren(h('p', { class: 'ok-text' }, `Removed ${str(f.url)}`));
      await reload();
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const u = url.value.trim();
    if (!/^https?:\/\//i.test(u)) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'The URL must start with http:// or https://'));
      return;
    }
    try {
      await api.addFeed({ url: u, title: title.value.trim(), category: category.value.trim() });
      status.replaceChildren(h('p', { class: 'ok-text' }, `Added ${u}`));
      (form as HTMLFormElement).reset();
      await reload();
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  });

  root.append(h('h1', null, 'Feeds'), h('h2', null, 'Add a feed'), form, status, h('h2', null, 'Feeds and their health'), tableHolder);
  await reload();
}

import { Alert, Watchlist, api } from '../api';
import { lastSeen, markSeen } from '../alerts';
import { arr, extLink, h, num, rfc3339, route, str, timeEl } from '../dom';
import { hashWithQuery } from '../router';
import { badge, count, errorBox, loading } from '../ui';
import type { PageContext } from '../main';

const PAGE = 50;

function deliveryBadge(a: Alert): HTMLElement | null {
  const d = a.delivery ?? ({} as Alert['delivery']);
  const status = str(d.status, 'none');
  if (status === 'none') return null;
  const tries = num(d.attempts);
  const text = status === 'failed' ? `webhook failed after ${count(tries, 'attempt')}` : status === 'pending' ? 'webhook pending' : `webhook ${status}`;
  const el = badge(text, `delivery-${status.replace(/[^a-z]/g, '')}`);
  if (d.last_error) el.setAttribute('title', str(d.last_error));
  return el;
}

function alertItem(a: Alert, seen: number): HTMLElement {
  const article = a.article ?? ({} as Alert['article']);
  const story = a.story !== null && a.story !== undefined && str(a.story) !== '' ? str(a.story) : null;
  const matched = arr<{ field: unknown; value: unknown }>(a.matched);
  const delivery = deliveryBadge(a);
  const err = a.delivery?.status === 'failed' && a.delivery.last_error ? str(a.delivery.last_error) : '';
  return h(
    'li',
    { class: `alert${num(a.id) > seen ? ' unread' : ''}`, 'data-jk': true, 'data-id': str(a.id) },
    h('a', { class: 'alert-title', href: route('article', str(article.id)) }, str(article.title, '(untitled)')),
    h(
      'div',
      { class: 'meta' },
      timeEl(rfc3339(a.created_at)),
      ' · ',
      h('a', { href: `#/alerts?watchlist=${encodeURIComponent(str(a.watchlist?.id))}` }, str(a.watchlist?.name, 'watchlist')),
      story ? [' · ', h('a', { href: route('story', story) }, 'story')] : null,
      ' · ',
      extLink(article.url, 'original'),
      delivery ? [' ', delivery] : null,
    ),
    matched.length
      ? h(
          'ul',
          { class: 'matched', 'aria-label': 'Matched' },
          ...matched.map((m) => h('li', { class: 'chip' }, h('span', { class: 'muted' }, `${str(m.field)}: `), str(m.value))),
        )
      : null,
    err ? h('p', { class: 'small error-text' }, `Last webhook error: ${err}`) : null,
  );
}

// The filter by watchlist; the select is left out when the watchlists cannot be read.
async function watchlistFilter(current: string): Promise<HTMLElement | null> {
  let all: Watchlist[];
  try {
    all = arr<Watchlist>((await api.watchlists())?.watchlists);
  } catch {
    return null;
  }
  const select = h('select', { id: 'a-watchlist', name: 'watchlist' }, h('option', { value: '' }, 'All watchlists')) as HTMLSelectElement;
  for (const w of all) {
    const o = h('option', { value: str(w.id) }, str(w.name)) as HTMLOptionElement;
    o.selected = str(w.id) === current;
    select.append(o);
  }
  select.addEventListener('change', () => {
    location.hash = hashWithQuery('#/alerts', { watchlist: select.value });
  });
  return h('form', { class: 'filters', 'aria-label': 'Alert filter' }, h('span', { class: 'pair' }, h('label', { for: 'a-watchlist' }, 'Watchlist'), select));
}

export async function alertsPage(root: HTMLElement, _a: string[], query: URLSearchParams, ctx: PageContext) {
  const watchlist = query.get('watchlist') ?? '';
  ctx.setTitle('Alerts');
  const seen = lastSeen();
  const list = h('ol', { class: 'alerts', 'aria-label': 'Alerts, newest first' });
  const status = h('div', { class: 'list-status' });
  const filterHolder = h('div');
  root.append(
    h('h1', null, 'Alerts'),
    h('p', null, h('a', { href: route('watchlists') }, 'Manage watchlists →')),
    filterHolder,
    h('p', { class: 'hint muted' }, 'Keys: j / k move through the list, Enter opens the article.'),
    list,
    status,
  );
  void watchlistFilter(watchlist).then((f) => {
    if (f && ctx.alive()) filterHolder.replaceChildren(f);
  });

  const load = async (cursor: string | null) => {
    status.replaceChildren(loading());
    try {
      const page = await api.alerts({ watchlist: watchlist || null, limit: PAGE, cursor });
      if (!ctx.alive()) return;
      const alerts = arr<Alert>(page?.alerts);
      status.replaceChildren();
      for (const a of alerts) list.append(alertItem(a, seen));
      // Only the unfiltered list shows every new alert, so only it marks them seen.
      if (!watchlist) markSeen(alerts);
      if (!cursor && alerts.length === 0) status.append(h('p', { class: 'muted' }, 'No alerts yet.'));
      if (page?.next_cursor !== null && page?.next_cursor !== undefined && str(page.next_cursor) !== '') {
        const more = h('button', { type: 'button', class: 'more' }, 'Load more');
        more.addEventListener('click', () => void load(str(page.next_cursor)));
        status.append(more);
      }
    } catch (e) {
      if (ctx.alive()) status.replaceChildren(errorBox(e));
    }
  };
  await load(null);
}

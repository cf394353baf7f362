import { ApiError, NewWatchlist, SearchHit, WATCH_KEYS, Watchlist, api } from '../api';
import { arr, h, num, rfc3339, route, str, timeEl } from '../dom';
import { hitList } from '../hits';
import { badge, count, errorBox, loading } from '../ui';
import { FormInput, WATCH_FIELDS, parseWatchlistForm } from '../watchlist';
import type { PageContext } from '../main';

/** A refusal said in the reader's terms: who may change watchlists. */
export function changeError(e: unknown): HTMLElement {
  if (e instanceof ApiError && e.status === 403) {
    return errorBox(new Error(`${e.message}: reader tokens cannot create or delete watchlists; use a writer or admin token (Settings).`));
  }
  if (e instanceof ApiError && e.status === 401) {
    return errorBox(new Error(`${e.message}. Changing watchlists always needs a writer or admin token, even on an open server.`));
  }
  return errorBox(e);
}

function queryList(w: Watchlist): HTMLElement {
  const dl = h('dl', { class: 'watch-query' });
  for (const f of WATCH_FIELDS) {
    const values = arr(w.query?.[f.key]).map((v) => str(v));
    if (values.length) dl.append(h('dt', null, f.label), h('dd', null, values.join(', ')));
  }
  return dl;
}

function watchlistItem(w: Watchlist, onDelete: (w: Watchlist) => void): HTMLElement {
  const id = str(w.id);
  const preview = h('div', { class: 'preview', 'aria-live': 'polite', hidden: true });
  const test = h('button', { type: 'button', class: 'secondary test', 'aria-label': `Test ${str(w.name)} against stored articles` }, 'Test');
  const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete watchlist ${str(w.name)}` }, 'Delete');
  test.addEventListener('click', async () => {
    preview.hidden = false;
    preview.replaceChildren(loading('Matching stored articles…'));
    try {
      const res = await api.testWatchlist(id);
      const matches = arr<SearchHit>(res?.matches);
      preview.replaceChildren(
        h('p', { class: 'muted small' }, `${count(matches.length, 'stored article')} would match.`),
        matches.length ? hitList(matches) : '',
      );
    } catch (e) {
      preview.replaceChildren(errorBox(e));
    }
  });
  remove.addEventListener('click', () => onDelete(w));
  const alerts = num(w.alerts);
  return h(
    'li',
    { class: 'watchlist', 'data-jk': true, 'data-id': id },
    h(
      'div',
      { class: 'watchlist-head' },
      h('a', { class: 'name', href: `#/alerts?watchlist=${encodeURIComponent(id)}` }, str(w.name, '(unnamed)')),
      badge(count(alerts, 'alert'), alerts ? 'warn' : ''),
      h('span', { class: 'muted small' }, 'created ', timeEl(rfc3339(w.created_at))),
    ),
    queryList(w),
    w.webhook ? h('p', { class: 'small' }, h('span', { class: 'muted' }, 'Webhook: '), h('code', null, str(w.webhook))) : null,
    h('div', { class: 'actions' }, test, remove),
    preview,
  );
}

function watchForm(onCreate: (body: NewWatchlist) => Promise<boolean>): { form: HTMLElement; status: HTMLElement } {
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const inputs = new Map<string, HTMLInputElement>();
  const field = (key: string, label: string, attrs: Record<string, string | boolean>, wide = false) => {
    const input = h('input', { id: `w-${key}`, name: key, type: 'text', autocomplete: 'off', ...attrs }) as HTMLInputElement;
    inputs.set(key, input);
    return h('span', { class: `field${wide ? ' wide' : ''}` }, h('label', { for: `w-${key}` }, label), input);
  };
  const form = h(
    'form',
    { class: 'watch-form', 'aria-label': 'New watchlist', novalidate: true },
    field('name', 'Name', { required: true, placeholder: 'e.g. Port authorities' }, true),
    ...WATCH_FIELDS.map((f) => field(f.key, f.label, { placeholder: f.placeholder })),
    field('webhook', 'Webhook (optional)', { type: 'url', placeholder: 'https://hooks.example.org/osprey' }, true),
    h(
      'p',
      { class: 'hint muted actions' },
      'Separate several values with commas. An article matching any one value raises an alert. ',
      h('button', { type: 'submit' }, 'Create watchlist'),
    ),
  ) as HTMLFormElement;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const input of inputs.values()) input.removeAttribute('aria-invalid');
    const values: FormInput = { name: inputs.get('name')!.value, webhook: inputs.get('webhook')!.value };
    for (const key of WATCH_KEYS) values[key] = inputs.get(key)!.value;
    const parsed = parseWatchlistForm(values);
    if (!parsed.ok) {
      const bad = inputs.get(parsed.field);
      bad?.setAttribute('aria-invalid', 'true');
      bad?.focus();
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, parsed.error));
      return;
    }
    if (await onCreate(parsed.body)) form.reset();
  });
  return { form, status };
}

export async function watchlistsPage(root: HTMLElement, _a: string[], _q: URLSearchParams, ctx: PageContext) {
  ctx.setTitle('Watchlists');
  const listHolder = h('div', { class: 'watchlists-holder' });

  const reload = async () => {
    listHolder.replaceChildren(loading());
    try {
      const all = arr<Watchlist>((await api.watchlists())?.watchlists);
      if (!ctx.alive()) return;
      listHolder.replaceChildren(
        all.length
          ? h('ol', { class: 'watchlists', 'aria-label': 'Watchlists' }, ...all.map((w) => watchlistItem(w, remove)))
          : h('p', { class: 'muted' }, 'No watchlists yet.'),
      );
    } catch (e) {
      if (ctx.alive()) listHolder.replaceChildren(errorBox(e));
    }
  };

  const { form, status } = watchForm(async (body) => {
    try {
      const created = await api.addWatchlist(body);
      status.replaceChildren(h('p', { class: 'ok-text' }, `Created the watchlist “${str(created?.name, body.name)}”.`));
      await reload();
      return true;
    } catch (e) {
      status.replaceChildren(changeError(e));
      return false;
    }
  });

  const remove = async (w: Watchlist) => {
    if (!window.confirm(`Delete the watchlist “${str(w.name)}”?`)) return;
    try {
      await api.removeWatchlist(str(w.id));
      status.replaceChildren(h('p', { class: 'ok-text' }, `Deleted the watchlist “${str(w.name)}”.`));
      await reload();
    } catch (e) {
      status.replaceChildren(changeError(e));
    }
  };

  root.append(
    h('h1', null, 'Watchlists'),
    h('p', null, h('a', { href: route('alerts') }, 'All alerts →')),
    h('h2', null, 'New watchlist'),
    form,
    status,
    h('h2', null, 'Your watchlists'),
    h('p', { class: 'hint muted' }, 'Keys: j / k move through the list; Test shows the stored articles a watchlist matches.'),
    listHolder,
  );
  await reload();
}

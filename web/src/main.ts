import './style.css';
import { clear, h } from './dom';
import { parseHash } from './router';
import { feedPage } from './pages/feed';
import { storyPage } from './pages/story';
import { articlePage } from './pages/article';
import { entityPage } from './pages/entity';
import { indicatorPage, searchPage } from './pages/search';
import { feedsPage } from './pages/feeds';
import { settingsPage } from './pages/settings';
import { watchlistsPage } from './pages/watchlists';
import { alertsPage } from './pages/alerts';
import { startAlertBadge } from './alerts';
import { installKeys } from './keys';

export interface PageContext {
  /** False once the reader has moved to another page: late responses are dropped. */
  alive: () => boolean;
  setTitle: (t: string) => void;
}

type Page = (root: HTMLElement, args: string[], query: URLSearchParams, ctx: PageContext) => void | Promise<void>;

const pages: Record<string, { page: Page; nav: string }> = {
  '': { page: feedPage, nav: 'feed' },
  story: { page: storyPage, nav: 'feed' },
  article: { page: articlePage, nav: 'feed' },
  entity: { page: entityPage, nav: 'search' },
  indicator: { page: indicatorPage, nav: 'search' },
  search: { page: searchPage, nav: 'search' },
  feeds: { page: feedsPage, nav: 'feeds' },
  watchlists: { page: watchlistsPage, nav: 'watchlists' },
  alerts: { page: alertsPage, nav: 'alerts' },
  settings: { page: settingsPage, nav: 'settings' },
};

let generation = 0;

async function render(): Promise<void> {
  const main = document.getElementById('main')!;
  const route = parseHash(location.hash);
  const entry = pages[route.name];
  const mine = ++generation;
  const ctx: PageContext = {
    alive: () => mine === generation,
    setTitle: (t) => {
      if (mine === generation) document.title = t ? `${t} · Osprey` : 'Osprey';
    },
  };
  clear(main);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-nav]')) {
    if (entry && a.dataset.nav === entry.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!entry) {
    ctx.setTitle('Not found');
    main.append(h('h1', null, 'Not found'), h('p', null, h('a', { href: '#/' }, 'Back to the stories')));
    return;
  }
  const root = h('div', { class: `page page-${route.name || 'feed'}` });
  main.append(root);
  try {
    await entry.page(root, route.args, route.query, ctx);
  } catch (e) {
    if (ctx.alive()) {
      clear(root);
      root.append(h('p', { class: 'error', role: 'alert' }, `Error: ${(e as Error).message}`));
    }
  }
}

window.addEventListener('hashchange', () => {
  void render().then(() => {
    // Move focus to the new content for keyboard and screen-reader users,
    // unless a page already focused something inside it.
    const main = document.getElementById('main')!;
    if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  });
});
installKeys();
startAlertBadge();
document.querySelector('.skip')?.addEventListener('click', (ev) => {
  ev.preventDefault();
  document.getElementById('main')!.focus();
});
void render();

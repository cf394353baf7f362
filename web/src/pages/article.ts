import { api } from '../api';
import { articleView } from '../article';
import { h, str } from '../dom';
import { loading } from '../ui';
import type { PageContext } from '../main';

export async function articlePage(root: HTMLElement, args: string[], _q: URLSearchParams, ctx: PageContext) {
  const id = args[0] ?? '';
  ctx.setTitle('Article');
  root.append(loading());
  const a = await api.article(id);
  if (!ctx.alive()) return;
  ctx.setTitle(str(a.title, 'Article'));
  root.replaceChildren(h('p', null, h('a', { href: '#/' }, '← Stories')), articleView(a, 'h1'));
}

import { api, AttackTechnique, Entity, EntityRelation, SearchHit } from '../api';
import { buildMatrix, techniqueRelations } from '../attack';
import { timelineChart } from '../chart';
import { heatMap } from '../heatmap';
import { arr, clear, fmtConfidence, h, num, route, str, timeEl } from '../dom';
import { hitList } from '../hits';
import { badge, count, errorBox, isTechnique, loading, section } from '../ui';
import type { PageContext } from '../main';

function evidenceList(ev: unknown): HTMLElement | null {
  const items = arr(ev);
  if (items.length === 0) return null;
  const ul = h('ul', { class: 'evidence' });
  for (const it of items.slice(0, 5)) {
    if (typeof it === 'string' || typeof it === 'number') {
      ul.append(h('li', null, str(it)));
    } else if (it && typeof it === 'object') {
      const o = it as Record<string, unknown>;
      const sentence = str(o.sentence ?? o.text ?? o.title);
      const article = o.article ?? o.id;
      ul.append(
        h(
          'li',
          null,
          sentence ? h('q', null, sentence) : null,
          article !== undefined && article !== null ? [' ', h('a', { href: route('article', str(article)) }, 'article')] : null,
        ),
      );
    }
  }
  return ul;
}

function relationGroups(relations: EntityRelation[]): HTMLElement {
  const groups = new Map<string, EntityRelation[]>();
  for (const r of relations) {
    const key = `${/^in(coming)?$/.test(str(r.direction)) ? '← ' : ''}${str(r.predicate, 'related')}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const wrap = h('div', { class: 'rel-groups' });
  for (const [pred, rs] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) {
    rs.sort((a, b) => num(b.articles) - num(a.articles) || num(b.confidence) - num(a.confidence));
    wrap.append(
      h(
        'section',
        { class: 'rel-group' },
        h('h3', null, pred, h('span', { class: 'muted small' }, ` (${rs.length})`)),
        h(
          'ul',
          null,
          ...rs.map((r) =>
            h(
              'li',
              null,
              h('a', { href: route('entity', str(r.other)), class: 'entity' }, str(r.other)),
              r.other_type ? h('span', { class: 'muted small' }, ` ${str(r.other_type)}`) : null,
              ' ',
              badge(fmtConfidence(r.confidence), 'conf'),
              h('span', { class: 'muted small' }, ` ${count(r.articles, 'article')}`),
              evidenceList(r.evidence),
            ),
          ),
        ),
      ),
    );
  }
  return wrap;
}

export async function entityPage(root: HTMLElement, args: string[], _q: URLSearchParams, ctx: PageContext) {
  const name = args[0] ?? '';
  ctx.setTitle(name);
  root.append(loading());
  const e: Entity = await api.entity(name);
  if (!ctx.alive()) return;
  clear(root);
  ctx.setTitle(str(e.name, name));

  const seen = Object.entries(e.aliases_seen ?? {})
    .filter(([, n]) => typeof n === 'number')
    .sort((a, b) => b[1] - a[1]);
  const kb = arr(e.kb_aliases).map((a) => str(a));
  const relations = arr<EntityRelation>(e.relations);
  const techniques = relations.filter((r) => isTechnique(r.other_type));
  const others = relations.filter((r) => !isTechnique(r.other_type));
  const recent = arr<SearchHit>(e.recent_articles);
  const techniqueHolder = h('div', { class: 'techniques' });

  root.append(
    h('h1', null, str(e.name, name), ' ', badge(str(e.type, 'entity'), `t-${str(e.type)}`)),
    h(
      'p',
      { class: 'meta' },
      e.id ? [h('code', null, str(e.id)), ' · '] : null,
      count(e.articles, 'article'),
      ' · first ',
      timeEl(e.first_seen),
      ' · last ',
      timeEl(e.last_seen),
    ),
    section('Mentions per day', h('figure', { class: 'chart' }, timelineChart(e.timeline ?? {}))),
    h(
      'div',
      { class: 'story-grid' },
      h(
        'div',
        { class: 'col-main' },
        section('Relations', others.length ? relationGroups(others) : h('p', { class: 'muted' }, 'None recorded.')),
      ),
      h(
        'div',
        { class: 'col-side' },
        section(
          'Aliases',
          kb.length ? h('p', null, h('span', { class: 'muted' }, 'Knowledge base: '), kb.join(', ')) : null,
          seen.length
            ? h(
                'table',
                { class: 'aliases' },
                h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Seen as'), h('th', { scope: 'col' }, 'Times'))),
                h('tbody', null, ...seen.map(([a, n]) => h('tr', null, h('td', null, a), h('td', { class: 'num' }, String(n))))),
              )
            : h('p', { class: 'muted' }, 'No aliases seen.'),
        ),
      ),
    ),
    section('ATT&CK techniques', techniqueHolder),
    section('Recent articles', recent.length ? hitList(recent) : h('p', { class: 'muted' }, 'None.')),
  );
  await fillTechniques(techniqueHolder, techniques, ctx);
}

// The heat map once the ATT&CK catalogue is in; the plain list when it cannot be had.
async function fillTechniques(holder: HTMLElement, techniques: EntityRelation[], ctx: PageContext) {
  if (techniqueRelations(techniques).length === 0) {
    holder.replaceChildren(h('p', { class: 'muted' }, 'None recorded.'));
    return;
  }
  holder.replaceChildren(loading('Loading the ATT&CK matrix…'));
  try {
    const catalogue = arr<AttackTechnique>(await api.attackTechniques());
    if (!ctx.alive()) return;
    holder.replaceChildren(heatMap(buildMatrix(techniques, catalogue)));
  } catch (e) {
    if (!ctx.alive()) return;
    holder.replaceChildren(errorBox(e), techniqueList(techniques));
  }
}

function techniqueList(techniques: EntityRelation[]): HTMLElement {
  return h(
    'ul',
    { class: 'technique-list' },
    ...techniques.map((t) =>
      h(
        'li',
        null,
        h('a', { href: route('entity', str(t.other)) }, str(t.other)),
        h('span', { class: 'muted small' }, ` ${str(t.predicate)} · ${count(t.articles, 'article')} · ${fmtConfidence(t.confidence)}`),
      ),
    ),
  );
}

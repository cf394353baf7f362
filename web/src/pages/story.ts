import { api, AttackTechnique, Member, Story, StoryEntity, StoryObservable, StoryRelation } from '../api';
import { TACTICS, indexCatalogue } from '../attack';
import { articleView } from '../article';
import { arr, clear, extLink, fmtConfidence, h, num, route, str, timeEl } from '../dom';
import { badge, count, errorBox, isTechnique, loading, section } from '../ui';
import type { PageContext } from '../main';

const TYPE_ORDER = ['actor', 'campaign', 'malware', 'tool', 'vulnerability', 'technique', 'attack-pattern'];

function typeRank(t: string): number {
  const i = TYPE_ORDER.indexOf(t.toLowerCase());
  return i < 0 ? TYPE_ORDER.length : i;
}

function memberItem(m: Member): HTMLElement {
  const id = str(m.article);
  const body = h('div', { class: 'member-body' });
  const details = h(
    'details',
    { class: 'member-text' },
    h('summary', null, 'Read the text with findings highlighted'),
    body,
  ) as HTMLDetailsElement;
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.append(loading());
    api.article(id).then(
      (a) => body.replaceChildren(articleView(a)),
      (e) => {
        loaded = false;
        body.replaceChildren(errorBox(e));
      },
    );
  });
  const dup = m.duplicate_of !== null && m.duplicate_of !== undefined && str(m.duplicate_of) !== '';
  return h(
    'li',
    { class: 'member', 'data-article': id },
    h(
      'div',
      { class: 'member-head' },
      h('strong', { class: 'outlet' }, str(m.outlet, 'unknown outlet')),
      ' ',
      h('a', { href: route('article', id) }, str(m.title, '(untitled)')),
    ),
    h(
      'div',
      { class: 'meta' },
      timeEl(m.published_at),
      ' · ',
      extLink(m.url, 'original'),
      dup ? [' ', badge(`duplicate of ${str(m.duplicate_of)}`, 'dup')] : null,
    ),
    details,
  );
}

function entityList(entities: StoryEntity[]): HTMLElement {
  const byType = new Map<string, StoryEntity[]>();
  for (const e of entities) {
    const t = str(e.type, 'other');
    if (!byType.has(t)) byType.set(t, []);
    byType.get(t)!.push(e);
  }
  const types = [...byType.keys()].sort((a, b) => typeRank(a) - typeRank(b) || a.localeCompare(b));
  const dl = h('dl', { class: 'entities' });
  for (const t of types) {
    dl.append(h('dt', null, isTechnique(t) ? 'techniques' : t));
    const dd = h('dd', null);
    const ul = h('ul', { class: 'chips' });
    for (const e of byType.get(t)!.sort((a, b) => num(b.sources) - num(a.sources))) {
      const reasons = arr(e.reasons).map((r) => str(r)).join(', ');
      const alias = str(e.alias);
      const name = str(e.name);
      ul.append(
        h(
          'li',
          { class: 'chip' },
          h('a', { href: route('entity', name), class: `entity t-${t}`, title: reasons || null }, name),
          alias && alias !== name ? h('span', { class: 'muted' }, ` “${alias}”`) : null,
          e.role ? [' ', badge(str(e.role), 'role')] : null,
          h('span', { class: 'muted small' }, ` ${fmtConfidence(e.confidence)} · ${count(e.sources, 'source')}`),
        ),
      );
    }
    dd.append(ul);
    dl.append(dd);
  }
  return dl;
}

function refLink(r: { name?: unknown; type?: unknown } | undefined): HTMLElement {
  const name = str(r?.name, '?');
  const type = str(r?.type);
  return h('a', { href: route('entity', name), class: 'entity', title: type || null }, name);
}

function relationList(relations: StoryRelation[]): HTMLElement {
  const ul = h('ul', { class: 'relations' });
  const sorted = [...relations].sort((a, b) => num(b.confidence) - num(a.confidence));
  for (const r of sorted) {
    const flags: HTMLElement[] = [];
    if (r.negated) flags.push(badge('negated', 'neg'));
    if (r.hedged) flags.push(badge('hedged', 'hedge'));
    ul.append(
      h(
        'li',
        { class: `relation${r.negated ? ' is-negated' : ''}${r.hedged ? ' is-hedged' : ''}` },
        h(
          'div',
          { class: 'triple' },
          refLink(r.subject),
          ' ',
          h('span', { class: 'predicate' }, str(r.predicate)),
          ' ',
          refLink(r.object),
          ' ',
          badge(fmtConfidence(r.confidence), 'conf'),
          ...flags.flatMap((f) => [' ', f]),
          h('span', { class: 'muted small' }, ` ${count(r.sources, 'source')}`),
        ),
        r.sentence ? h('blockquote', null, str(r.sentence)) : null,
      ),
    );
  }
  return ul;
}

function observableTable(obs: StoryObservable[]): HTMLElement {
  const tbody = h('tbody');
  for (const o of obs) {
    tbody.append(
      h(
        'tr',
        { class: o.benign ? 'benign' : null },
        h('td', { 'data-label': 'Type' }, str(o.type)),
        h('td', { class: 'ioc', 'data-label': 'Value' }, h('a', { href: route('indicator', str(o.value)) }, str(o.value))),
        h('td', null, o.benign ? badge('benign', 'benign') : ''),
        h('td', { class: 'num', 'data-label': 'Sources' }, String(num(o.sources))),
        h('td', { class: 'context', 'data-label': 'Context' }, str(o.context)),
      ),
    );
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'observables stack' },
      h('thead', null, h('tr', null, ...['Type', 'Value', '', 'Sources', 'Context'].map((t) => h('th', { scope: 'col' }, t)))),
      tbody,
    ),
  );
}

const TACTIC_LABEL = new Map(TACTICS.map(([t, label]) => [t, label.replace(/\u00AD/g, '')]));

// The story's techniques with their ATT&CK ids and tactics, in tactic order.
async function techniqueSummary(holder: HTMLElement, entities: StoryEntity[], ctx: PageContext) {
  const named = entities.filter((e) => isTechnique(e.type));
  if (named.length === 0) return;
  let catalogue: AttackTechnique[];
  try {
    catalogue = arr<AttackTechnique>(await api.attackTechniques());
  } catch {
    return; // the entities list above still names them
  }
  if (!ctx.alive()) return;
  const index = indexCatalogue(catalogue);
  const order = (t: AttackTechnique) => Math.min(...t.tactics.map((x) => TACTICS.findIndex(([y]) => y === x)).filter((i) => i >= 0), 99);
  const rows = named
    .map((e) => ({ e, t: index.get(str(e.id)) ?? index.get('name:' + str(e.name).toLowerCase()) }))
    .filter((r): r is { e: StoryEntity; t: AttackTechnique } => !!r.t && !!r.t.id)
    .sort((a, b) => order(a.t) - order(b.t) || a.t.id.localeCompare(b.t.id));
  if (rows.length === 0) return;
  holder.replaceChildren(
    section(
      'ATT&CK techniques',
      h(
        'ul',
        { class: 'story-techniques' },
        ...rows.map(({ e, t }) =>
          h(
            'li',
            null,
            h('a', { href: route('entity', t.id) }, h('code', null, t.id), ' ', t.name),
            h('span', { class: 'muted small' }, ` ${t.tactics.map((x) => TACTIC_LABEL.get(x) ?? x).join(', ')} · ${count(e.sources, 'source')}`),
          ),
        ),
      ),
    ),
  );
}

export async function storyPage(root: HTMLElement, args: string[], _q: URLSearchParams, ctx: PageContext) {
  const id = args[0] ?? '';
  ctx.setTitle('Story');
  root.append(loading());
  const s: Story = await api.story(id);
  if (!ctx.alive()) return;
  clear(root);
  ctx.setTitle(str(s.title, 'Story'));
  const members = arr<Member>(s.members);
  const entities = arr<StoryEntity>(s.entities);
  const relations = arr<StoryRelation>(s.relations);
  const observables = arr<StoryObservable>(s.observables);
  const outlets = new Set(members.map((m) => str(m.outlet)));
  const techniques = h('div', { class: 'techniques-summary' });
  root.append(
    h('p', null, h('a', { href: '#/' }, '← Stories')),
    h('h1', null, str(s.title, '(untitled story)')),
    h(
      'p',
      { class: 'meta' },
      badge(count(outlets.size, 'source'), 'sources'),
      ` ${count(members.length, 'article')} · first `,
      timeEl(s.first_seen),
      ' · last ',
      timeEl(s.last_seen),
    ),
    h(
      'div',
      { class: 'story-grid' },
      h(
        'div',
        { class: 'col-main' },
        section(`Sources (${members.length})`, h('ol', { class: 'members' }, ...members.map(memberItem))),
      ),
      h(
        'div',
        { class: 'col-side' },
        section('Entities', entities.length ? entityList(entities) : h('p', { class: 'muted' }, 'None found.')),
        techniques,
        section('Relations', relations.length ? relationList(relations) : h('p', { class: 'muted' }, 'None found.')),
      ),
    ),
    section('Observables', observables.length ? observableTable(observables) : h('p', { class: 'muted' }, 'None found.')),
  );
  await techniqueSummary(techniques, entities, ctx);
}

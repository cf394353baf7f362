// The ATT&CK heat map's model, free of the DOM: which techniques an entity's
// relations report, placed under the enterprise tactics in ATT&CK's order,
// sub-techniques rolled up into their technique, and the shading bucket of
// each count.
import type { AttackTechnique, EntityRelation } from './api';
import { num, str } from './dom';
import { isTechnique } from './ui';

/** The enterprise tactics, as columns, in ATT&CK's order (labels with soft hyphens for narrow columns). */
export const TACTICS: readonly (readonly [string, string])[] = [
  ['reconnaissance', 'Recon\u00ADnaissance'],
  ['resource-development', 'Resource Develop\u00ADment'],
  ['initial-access', 'Initial Access'],
  ['execution', 'Execution'],
  ['persistence', 'Persistence'],
  ['privilege-escalation', 'Privilege Escalation'],
  ['defense-evasion', 'Defense Evasion'],
  ['credential-access', 'Credential Access'],
  ['discovery', 'Discovery'],
  ['lateral-movement', 'Lateral Movement'],
  ['collection', 'Collection'],
  ['command-and-control', 'Command and Control'],
  ['exfiltration', 'Exfil\u00ADtration'],
  ['impact', 'Impact'],
];

/** Shading buckets by article count, doubling: the legend shows them in this order. */
export const BUCKETS: readonly { level: number; min: number; label: string }[] = [
  { level: 1, min: 1, label: '1' },
  { level: 2, min: 2, label: '2–3' },
  { level: 3, min: 4, label: '4–7' },
  { level: 4, min: 8, label: '8–15' },
  { level: 5, min: 16, label: '16+' },
];

/** 0 for no article, else the level of the highest bucket whose minimum the count reaches. */
export function bucket(count: number): number {
  let level = 0;
  for (const b of BUCKETS) if (count >= b.min) level = b.level;
  return level;
}

export interface SubCell {
  id: string; // ATT&CK id, "T1566.001"
  name: string;
  articles: number;
}
export interface Cell {
  id: string; // ATT&CK id of the technique, "T1566"
  name: string;
  own: number; // articles reporting the technique itself
  total: number; // own plus its reported sub-techniques' articles
  subs: SubCell[]; // reported sub-techniques, most articles first
}
export interface Column {
  tactic: string;
  label: string;
  cells: Cell[]; // most articles first
}
export interface Unplaced {
  name: string;
  id: string; // ATT&CK id when known, else ''
  articles: number;
}
export interface Matrix {
  columns: Column[];
  unplaced: Unplaced[]; // reported techniques the catalogue cannot place under a tactic
  reported: number; // distinct techniques and sub-techniques reported
}

const ATTACK_ID = /^T\d{4}(\.\d{3})?$/i;

/** The catalogue indexed by ATT&CK id, entity id and lower-cased name. */
export function indexCatalogue(catalogue: AttackTechnique[]): Map<string, AttackTechnique> {
  const index = new Map<string, AttackTechnique>();
  for (const t of catalogue) {
    if (!t || typeof t.id !== 'string') continue;
    index.set(t.id.toUpperCase(), t);
    if (t.entity) index.set(str(t.entity), t);
  }
  for (const t of catalogue) {
    if (!t || typeof t.name !== 'string') continue;
    const key = 'name:' + t.name.toLowerCase();
    // A name two techniques share (a sub-technique named like another) resolves to neither.
    index.set(key, index.has(key) ? ({ id: '' } as AttackTechnique) : t);
  }
  return index;
}

/** The catalogue entry a relation's other end names: by entity id, ATT&CK id, then name. */
export function resolve(r: EntityRelation, index: Map<string, AttackTechnique>): AttackTechnique | null {
  const id = str(r.other_id);
  const byId = index.get(id) ?? (ATTACK_ID.test(id) ? index.get(id.toUpperCase()) : undefined);
  if (byId) return byId;
  const name = str(r.other);
  const leading = /^(T\d{4}(?:\.\d{3})?)\b/i.exec(name); // "T1566 Phishing"
  if (leading && index.has(leading[1].toUpperCase())) return index.get(leading[1].toUpperCase())!;
  const byName = index.get('name:' + name.toLowerCase());
  return byName && byName.id ? byName : null;
}

/** Techniques reported as present: technique relations that are not negated. */
export function techniqueRelations(relations: EntityRelation[]): EntityRelation[] {
  return relations.filter((r) => isTechnique(r.other_type) && !/^not\b/i.test(str(r.predicate)));
}

/**
 * The heat map of `relations` over the catalogue. A technique named by several
 * relations (several predicates) counts its largest article count once. A
 * technique's cell shows the sum over itself and its reported
 * sub-techniques, and sits under every tactic of the technique.
 */
export function buildMatrix(relations: EntityRelation[], catalogue: AttackTechnique[]): Matrix {
  const index = indexCatalogue(catalogue);
  const counts = new Map<string, number>(); // ATT&CK id → articles
  const unplaced = new Map<string, Unplaced>();
  for (const r of techniqueRelations(relations)) {
    const n = Math.max(0, num(r.articles));
    const t = resolve(r, index);
    const parent = t?.parent ? index.get(t.parent.toUpperCase()) : t;
    if (!t || !parent || !Array.isArray(parent.tactics) || parent.tactics.length === 0) {
      const key = t?.id ?? str(r.other_id, str(r.other));
      const u = unplaced.get(key);
      unplaced.set(key, { name: t?.name ?? str(r.other), id: t?.id ?? '', articles: Math.max(u?.articles ?? 0, n) });
      continue;
    }
    counts.set(t.id, Math.max(counts.get(t.id) ?? 0, n));
  }

  const cells = new Map<string, Cell>(); // technique ATT&CK id → cell
  for (const [id, n] of counts) {
    const t = index.get(id)!;
    const parentId = t.parent ? t.parent.toUpperCase() : t.id;
    const parent = index.get(parentId)!;
    let cell = cells.get(parent.id);
    if (!cell) {
      cell = { id: parent.id, name: parent.name, own: 0, total: 0, subs: [] };
      cells.set(parent.id, cell);
    }
    if (t.parent) cell.subs.push({ id: t.id, name: t.name, articles: n });
    else cell.own = n;
    cell.total += n;
  }
  const byCount = <T extends { id: string }>(count: (x: T) => number) => (a: T, b: T) =>
    count(b) - count(a) || a.id.localeCompare(b.id);
  for (const cell of cells.values()) cell.subs.sort(byCount<SubCell>((s) => s.articles));

  const columns: Column[] = TACTICS.map(([tactic, label]) => ({ tactic, label, cells: [] }));
  const column = new Map(columns.map((c) => [c.tactic, c]));
  for (const cell of cells.values()) {
    for (const tactic of index.get(cell.id)!.tactics) column.get(tactic)?.cells.push(cell);
  }
  for (const c of columns) c.cells.sort(byCount<Cell>((x) => x.total));
  return {
    columns,
    unplaced: [...unplaced.values()].sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name)),
    reported: counts.size,
  };
}

/** What a cell says to a screen reader and in its tooltip. */
export function cellLabel(cell: Cell): string {
  const via = cell.total - cell.own;
  const articles = `${cell.total} article${cell.total === 1 ? '' : 's'}`;
  const subs = cell.subs.length
    ? ` (${via} via sub-technique${cell.subs.length === 1 ? '' : 's'} ${cell.subs.map((s) => s.id).join(', ')})`
    : '';
  return `${cell.id} ${cell.name}: ${articles}${subs}`;
}

export function subLabel(sub: SubCell): string {
  return `${sub.id} ${sub.name}: ${sub.articles} article${sub.articles === 1 ? '' : 's'}`;
}

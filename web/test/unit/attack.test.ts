import { describe, expect, it } from 'vitest';
import type { AttackTechnique, EntityRelation } from '../../src/api';
import { BUCKETS, TACTICS, bucket, buildMatrix, cellLabel, resolve, indexCatalogue } from '../../src/attack';
import { heatMap } from '../../src/heatmap';

const tech = (id: string, name: string, tactics: string[], parent: string | null = null): AttackTechnique => ({
  id,
  name,
  tactics,
  parent,
  entity: `attack-pattern--${id.toLowerCase()}`,
});
const CATALOGUE = [
  tech('T1566', 'Phishing', ['initial-access']),
  tech('T1566.001', 'Spearphishing Attachment', ['initial-access'], 'T1566'),
  tech('T1566.002', 'Spearphishing Link', ['initial-access'], 'T1566'),
  tech('T1059', 'Command and Scripting Interpreter', ['execution']),
  tech('T1059.001', 'PowerShell', ['execution'], 'T1059'),
  tech('T1078', 'Valid Accounts', ['defense-evasion', 'persistence', 'privilege-escalation', 'initial-access']),
  tech('T1595', 'Active Scanning', ['reconnaissance']),
  tech('T1486', 'Data Encrypted for Impact', ['impact']),
];
const rel = (other: string, articles: number, extra: Partial<EntityRelation> = {}): EntityRelation => ({
  predicate: 'uses',
  direction: 'outgoing',
  other,
  other_type: 'attack-pattern',
  articles,
  confidence: 0.7,
  evidence: '',
  ...extra,
});

describe('tactic ordering', () => {
  it('has the 14 enterprise tactics in ATT&CK order', () => {
    expect(TACTICS.map(([t]) => t)).toEqual([
      'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence',
      'privilege-escalation', 'defense-evasion', 'credential-access', 'discovery', 'lateral-movement',
      'collection', 'command-and-control', 'exfiltration', 'impact',
    ]);
  });
  it('draws the columns in that order whatever order the catalogue lists tactics in', () => {
    const m = buildMatrix([rel('Valid Accounts', 2, { other_id: 'attack-pattern--t1078' })], CATALOGUE);
    expect(m.columns.map((c) => c.tactic)).toEqual(TACTICS.map(([t]) => t));
    const withCell = m.columns.filter((c) => c.cells.length).map((c) => c.tactic);
    expect(withCell).toEqual(['initial-access', 'persistence', 'privilege-escalation', 'defense-evasion']);
  });
});

describe('shading buckets', () => {
  it('doubles from one bucket to the next', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 15, 16, 1000].map(bucket)).toEqual([0, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  it('has a legend entry per level, in order', () => {
    expect(BUCKETS.map((b) => b.level)).toEqual([1, 2, 3, 4, 5]);
    expect(BUCKETS.map((b) => b.label)).toEqual(['1', '2–3', '4–7', '8–15', '16+']);
  });
  it('treats negative and missing counts as none', () => {
    expect(bucket(-3)).toBe(0);
    expect(bucket(Number.NaN)).toBe(0);
  });
});

describe('rollup', () => {
  const m = buildMatrix(
    [
      rel('Phishing', 9, { other_id: 'attack-pattern--t1566' }),
      rel('Spearphishing Attachment', 3, { other_id: 'attack-pattern--t1566.001' }),
      rel('Spearphishing Link', 1, { other_id: 'T1566.002' }), // an ATT&CK id as other_id
      rel('PowerShell', 5, { other_id: 'attack-pattern--t1059.001' }), // its technique is not reported
      rel('PowerShell', 2, { other_id: 'attack-pattern--t1059.001', predicate: 'related-to' }),
      rel('Data Encrypted for Impact', 6, { other_id: 'attack-pattern--t1486', predicate: 'not uses' }),
      rel('X-Agent', 12, { other_type: 'malware', other_id: 'malware--x' }),
      rel('Made-up Technique', 4, { other_id: 'attack-pattern--nowhere' }),
    ],
    CATALOGUE,
  );
  const col = (t: string) => m.columns.find((c) => c.tactic === t)!;

  it('adds sub-techniques into their technique and lists them in it', () => {
    const [phishing] = col('initial-access').cells;
    expect(phishing).toMatchObject({ id: 'T1566', own: 9, total: 13 });
    expect(phishing.subs).toEqual([
      { id: 'T1566.001', name: 'Spearphishing Attachment', articles: 3 },
      { id: 'T1566.002', name: 'Spearphishing Link', articles: 1 },
    ]);
    expect(cellLabel(phishing)).toBe('T1566 Phishing: 13 articles (4 via sub-techniques T1566.001, T1566.002)');
  });
  it('makes a cell for a technique only its sub-techniques report, counting a technique once per predicate', () => {
    expect(col('execution').cells).toEqual([
      { id: 'T1059', name: 'Command and Scripting Interpreter', own: 0, total: 5, subs: [{ id: 'T1059.001', name: 'PowerShell', articles: 5 }] },
    ]);
  });
  it('leaves out negated relations and other entity types', () => {
    expect(col('impact').cells).toEqual([]);
    expect(m.columns.flatMap((c) => c.cells.map((x) => x.id))).not.toContain('X-Agent');
  });
  it('keeps techniques the catalogue does not know apart', () => {
    expect(m.unplaced).toEqual([{ name: 'Made-up Technique', id: '', articles: 4 }]);
    expect(m.reported).toBe(4);
  });
  it('sorts cells by articles, then id', () => {
    const many = buildMatrix(
      [rel('Valid Accounts', 2), rel('Phishing', 2), rel('Spearphishing Link', 7, { other_id: 'T1566.002' })],
      CATALOGUE,
    );
    expect(many.columns.find((c) => c.tactic === 'initial-access')!.cells.map((c) => [c.id, c.total])).toEqual([
      ['T1566', 9],
      ['T1078', 2],
    ]);
  });
});

describe('resolve', () => {
  const index = indexCatalogue(CATALOGUE);
  it('finds a technique by entity id, ATT&CK id, leading id or name', () => {
    expect(resolve(rel('x', 1, { other_id: 'attack-pattern--t1595' }), index)?.id).toBe('T1595');
    expect(resolve(rel('x', 1, { other_id: 't1595' }), index)?.id).toBe('T1595');
    expect(resolve(rel('T1078 Valid Accounts', 1), index)?.id).toBe('T1078');
    expect(resolve(rel('active scanning', 1), index)?.id).toBe('T1595');
    expect(resolve(rel('Nothing like it', 1), index)).toBeNull();
  });
  it('does not guess when two techniques share a name', () => {
    const twice = indexCatalogue([...CATALOGUE, tech('T9999', 'Phishing', ['impact'])]);
    expect(resolve(rel('Phishing', 1), twice)).toBeNull();
  });
});

describe('heatMap', () => {
  it('draws focusable, labelled cells and keeps hostile names as text', () => {
    const catalogue = [...CATALOGUE, tech('T1001', '<img src=x onerror=alert(1)>', ['command-and-control'])];
    const el = heatMap(buildMatrix([rel('x', 3, { other_id: 'T1001' }), rel('y', 16, { other_id: 'T1566.001' })], catalogue));
    expect(el.querySelectorAll('.tactic').length).toBe(14);
    expect(el.querySelectorAll('img').length).toBe(0);
    const cell = el.querySelector<HTMLAnchorElement>('a.heat-cell[data-technique="T1001"]')!;
    expect(cell.getAttribute('href')).toBe('#/entity/T1001');
    expect(cell.getAttribute('aria-label')).toBe('T1001 <img src=x onerror=alert(1)>: 3 articles');
    expect(cell.classList.contains('heat-2')).toBe(true);
    const sub = el.querySelector<HTMLAnchorElement>('a.heat-sub[data-technique="T1566.001"]')!;
    expect(sub.classList.contains('heat-5')).toBe(true);
    expect(el.querySelector('a.heat-cell[data-technique="T1566"]')!.classList.contains('heat-5')).toBe(true);
    expect(el.querySelectorAll('.heat-legend .heat-swatch').length).toBe(5);
  });
  it('moves focus with the arrow keys', () => {
    const el = heatMap(buildMatrix([rel('Phishing', 3), rel('Valid Accounts', 1), rel('PowerShell', 1)], CATALOGUE));
    document.body.append(el);
    const at = (id: string) => el.querySelector<HTMLElement>(`[data-tactic=initial-access] a[data-technique="${id}"]`)!;
    at('T1566').focus();
    const press = (key: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('ArrowDown');
    expect(document.activeElement).toBe(at('T1078'));
    press('ArrowRight');
    expect((document.activeElement as HTMLElement).dataset.technique).toBe('T1059.001'); // row 2 of execution
    press('ArrowRight');
    expect((document.activeElement as HTMLElement).dataset.technique).toBe('T1078'); // persistence
    el.remove();
  });
});

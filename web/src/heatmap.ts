// The ATT&CK heat map drawn from the model in attack.ts: one column per
// enterprise tactic, one cell per reported technique (a link to its entity
// page) shaded by its article count, sub-techniques' included; its reported
// sub-techniques sit inside it as smaller cells of their own. Arrow keys move
// between cells; Tab reaches each one.
import { BUCKETS, Matrix, bucket, cellLabel, subLabel } from './attack';
import { h, route } from './dom';

function legend(): HTMLElement {
  return h(
    'div',
    { class: 'heat-legend', 'aria-label': 'Shading: articles reporting the technique' },
    h('span', { class: 'muted small' }, 'Articles:'),
    ...BUCKETS.map((b) => h('span', { class: `heat-swatch heat-${b.level}` }, b.label)),
  );
}

// Arrow keys: up/down within a column, left/right to the nearest cell of the
// next column that has any, Home/End to the column's ends.
function arrowKeys(grid: HTMLElement): void {
  grid.addEventListener('keydown', (ev) => {
    const current = document.activeElement as HTMLElement | null;
    if (!current || !current.matches('a[data-technique]')) return;
    const columns = [...grid.querySelectorAll<HTMLElement>('.tactic')]
      .map((c) => [...c.querySelectorAll<HTMLElement>('a[data-technique]')])
      .filter((cells) => cells.length > 0);
    const col = columns.findIndex((cells) => cells.includes(current));
    if (col < 0) return;
    const row = columns[col].indexOf(current);
    let target: HTMLElement | undefined;
    if (ev.key === 'ArrowDown') target = columns[col][row + 1];
    else if (ev.key === 'ArrowUp') target = columns[col][row - 1];
    else if (ev.key === 'Home') target = columns[col][0];
    else if (ev.key === 'End') target = columns[col][columns[col].length - 1];
    else if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
      const next = columns[col + (ev.key === 'ArrowRight' ? 1 : -1)];
      if (next) target = next[Math.min(row, next.length - 1)];
    } else return;
    ev.preventDefault();
    target?.focus();
  });
}

/** The matrix, its legend and the techniques it could not place. */
export function heatMap(m: Matrix): HTMLElement {
  const grid = h('div', { class: 'attack-matrix', role: 'group', 'aria-label': 'ATT&CK enterprise tactics' });
  for (const column of m.columns) {
    const list = h('ul', { class: 'heat-cells' });
    for (const cell of column.cells) {
      const label = cellLabel(cell);
      list.append(
        h(
          'li',
          null,
          h(
            'a',
            {
              href: route('entity', cell.id),
              class: `heat-cell heat-${bucket(cell.total)}`,
              'data-technique': cell.id,
              'data-articles': cell.total,
              'aria-label': label,
              title: label,
            },
            h('span', { class: 'heat-id' }, cell.id),
            ' ',
            h('span', { class: 'heat-name' }, cell.name),
            h('span', { class: 'heat-count' }, String(cell.total)),
          ),
          cell.subs.length
            ? h(
                'ul',
                { class: 'heat-subs' },
                ...cell.subs.map((s) =>
                  h(
                    'li',
                    null,
                    h(
                      'a',
                      {
                        href: route('entity', s.id),
                        class: `heat-sub heat-${bucket(s.articles)}`,
                        'data-technique': s.id,
                        'data-articles': s.articles,
                        'aria-label': subLabel(s),
                        title: subLabel(s),
                      },
                      h('span', { class: 'heat-id' }, s.id.slice(s.id.indexOf('.'))),
                      ' ',
                      h('span', { class: 'heat-name' }, s.name),
                      h('span', { class: 'heat-count' }, String(s.articles)),
                    ),
                  ),
                ),
              )
            : null,
        ),
      );
    }
    grid.append(
      h(
        'section',
        { class: `tactic${column.cells.length ? '' : ' empty'}`, 'data-tactic': column.tactic },
        h('h3', null, column.label, h('span', { class: 'muted small' }, ` ${column.cells.length}`)),
        column.cells.length ? list : h('p', { class: 'muted small' }, '—'),
      ),
    );
  }
  arrowKeys(grid);
  return h(
    'div',
    { class: 'attack' },
    legend(),
    h('div', { class: 'matrix-wrap' }, grid),
    m.unplaced.length
      ? h(
          'p',
          { class: 'small unplaced' },
          h('span', { class: 'muted' }, 'Not in the enterprise matrix: '),
          ...m.unplaced.flatMap((u, i) => [
            i ? ', ' : '',
            h('a', { href: route('entity', u.id || u.name) }, u.id ? `${u.id} ${u.name}` : u.name),
            ` (${u.articles})`,
          ]),
        )
      : null,
  );
}

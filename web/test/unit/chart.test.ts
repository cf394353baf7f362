import { describe, expect, it } from 'vitest';
import { fillDays, timelineChart } from '../../src/chart';
import { parseHash, hashWithQuery } from '../../src/router';

describe('fillDays', () => {
  it('fills missing days with zero and skips junk', () => {
    expect(fillDays({ '2024-02-28': 2, '2024-03-01': 1, bogus: 5, '2024-02-29': -1 })).toEqual([
      ['2024-02-28', 2],
      ['2024-02-29', 0],
      ['2024-03-01', 1],
    ]);
  });
  it('keeps only the latest days', () => {
    const days = fillDays({ '2020-01-01': 1, '2024-01-01': 1 }, 10);
    expect(days.length).toBe(10);
    expect(days[9]).toEqual(['2024-01-01', 1]);
  });
  it('draws one bar per day with mentions', () => {
    const svg = timelineChart({ '2024-01-01': 3, '2024-01-03': 1 });
    expect(svg.querySelectorAll('rect.bar').length).toBe(2);
    expect(svg.getAttribute('aria-label')).toContain('4 mentions');
  });
});

describe('router', () => {
  it('parses names, encoded segments and queries', () => {
    const r = parseHash('#/entity/APT%2028%2Fx?tab=1');
    expect(r.name).toBe('entity');
    expect(r.args).toEqual(['APT 28/x']);
    expect(r.query.get('tab')).toBe('1');
    expect(parseHash('').name).toBe('');
    expect(parseHash('#/bad/%E0%A4%A').args).toEqual(['%E0%A4%A']);
  });
  it('builds hashes without empty values', () => {
    expect(hashWithQuery('#/', { since: '', noise: true, min_sources: '2' })).toBe('#/?noise=1&min_sources=2');
  });
});

import { describe, expect, it } from 'vitest';
import type { QuotaGrid } from '@keqing/shared';
import { allocationOf, cellKey, changedCells, forecastGaps, suggestionEdits } from './targets.helpers.ts';

const factors = { highPotentialDoctors: 0, potentialSum: 0, recentUnits: 0, competitorDoctors: 0 };
const p = '00000000-0000-4000-8000-000000000001';
const r1 = '00000000-0000-4000-8000-000000000011';
const r2 = '00000000-0000-4000-8000-000000000012';
const grid: QuotaGrid = {
  teamId: '00000000-0000-4000-8000-000000000100',
  teamName: '上海一组',
  month: '2031-02',
  reps: [
    { id: r1, username: 'rep01', name: '张三' },
    { id: r2, username: 'rep02', name: '赵六' },
  ],
  products: [
    { id: p, name: '瑞心', teamQuota: { id: p, quantity: 100, version: 1 }, allocated: 60, unallocated: 40 },
  ],
  cells: [
    {
      repId: r1,
      productId: p,
      quota: { id: r1, quantity: 60, version: 3, customers: [] },
      factors,
      suggested: 70,
      goal: null,
    },
    { repId: r2, productId: p, quota: null, factors, suggested: 30, goal: null },
  ],
  warnings: [],
};

describe('grid edits', () => {
  it.each([
    ['no edits', {}, []],
    ['an unchanged value is not sent', { [cellKey(r1, p)]: 60 }, []],
    [
      'a changed saved cell carries its version',
      { [cellKey(r1, p)]: 65 },
      [{ repId: r1, productId: p, quantity: 65, version: 3 }],
    ],
    ['a new cell has no version', { [cellKey(r2, p)]: 40 }, [{ repId: r2, productId: p, quantity: 40 }]],
  ])('%s', (_name, edits, expected) => {
    expect(changedCells(grid, edits)).toEqual(expected);
  });

  it('applies the suggestion and recomputes what is left', () => {
    const edits = suggestionEdits(grid);
    expect(edits).toEqual({ [cellKey(r1, p)]: 70, [cellKey(r2, p)]: 30 });
    expect(allocationOf(grid, edits)).toEqual([{ productId: p, allocated: 100, unallocated: 0 }]);
    expect(allocationOf(grid, {})).toEqual([{ productId: p, allocated: 60, unallocated: 40 }]);
  });
});

describe('forecastGaps', () => {
  it.each([
    ['below quota', [{ productName: '瑞心', quota: 200, forecast: 150 }], [{ product: '瑞心', gap: -50 }]],
    ['at quota', [{ productName: '瑞心', quota: 200, forecast: 200 }], []],
    ['no forecast yet', [{ productName: '瑞心', quota: 200, forecast: null }], []],
  ])('%s', (_name, rows, expected) => {
    expect(forecastGaps(rows)).toEqual(expected);
  });
});

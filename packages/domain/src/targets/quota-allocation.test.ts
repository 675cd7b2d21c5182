import { describe, expect, it } from 'vitest';
import {
  allocationShares,
  allocationWarning,
  largestRemainder,
  suggestAllocation,
  type AllocationFactors,
} from './quota-allocation.ts';

const f = (potential: number, usage: number, competitor: number): AllocationFactors => ({
  potential,
  usage,
  competitor,
});

describe('largestRemainder', () => {
  it.each([
    ['even split', 10, [0.5, 0.5], [5, 5]],
    ['thirds: the remainder goes to the earliest tie', 10, [1, 1, 1], [4, 3, 3]],
    ['largest fraction wins the spare unit', 7, [0.55, 0.45], [4, 3]],
    ['zero quota', 0, [0.2, 0.8], [0, 0]],
    ['shares that do not sum to 1 are normalised', 9, [2, 1], [6, 3]],
    ['all-zero shares split evenly', 5, [0, 0], [3, 2]],
    ['no reps', 100, [], []],
    ['tiny shares still sum exactly', 1, [0.3, 0.3, 0.4], [0, 0, 1]],
  ])('%s', (_name, total, shares, expected) => {
    const units = largestRemainder(total, shares);
    expect(units).toEqual(expected);
    expect(units.reduce((s, x) => s + x, 0)).toBe(shares.length ? total : 0);
  });

  it.each([[-1], [2.5]])('refuses a quota of %s', (total) => {
    expect(() => largestRemainder(total, [1])).toThrow(RangeError);
  });
});

describe('allocationShares', () => {
  it.each([
    ['no information: even', [f(0, 0, 0), f(0, 0, 0)], [0.5, 0.5]],
    ['usage only', [f(0, 30, 0), f(0, 10, 0)], [0.75, 0.25]],
    ['potential only', [f(8, 0, 0), f(2, 0, 0)], [0.8, 0.2]],
    // competitor only: the rep facing all the competition gets nothing from that factor
    ['competitor only works against the rep', [f(0, 0, 3), f(0, 0, 0)], [0, 1]],
    // potential 0.4 × (0.5, 0.5) + usage 0.5 × (1, 0) + competitor 0.1 × (1, 0), renormalised over 1.0
    ['all three factors', [f(5, 20, 0), f(5, 0, 4)], [0.8, 0.2]],
    ['one rep gets everything', [f(3, 7, 2)], [1]],
  ])('%s', (_name, factors, expected) => {
    const shares = allocationShares(factors);
    shares.forEach((s, i) => expect(s).toBeCloseTo(expected[i]!, 9));
  });
});

describe('suggestAllocation', () => {
  it.each([
    ['sums to the team quota', 1000, [f(10, 300, 1), f(6, 120, 3), f(2, 0, 0)]],
    ['odd quota over three equal reps', 100, [f(1, 1, 1), f(1, 1, 1), f(1, 1, 1)]],
    ['zero team quota', 0, [f(5, 5, 5), f(1, 1, 1)]],
  ])('%s', (_name, quota, factors) => {
    const units = suggestAllocation(quota, factors);
    expect(units.reduce((s, x) => s + x, 0)).toBe(quota);
    units.forEach((u) => expect(Number.isInteger(u) && u >= 0).toBe(true));
  });

  it('gives the rep with more usage and potential the larger quota', () => {
    expect(suggestAllocation(100, [f(2, 10, 0), f(8, 90, 0)])).toEqual([14, 86]); // (0.4×0.2 + 0.5×0.1) / 0.9 = 14.4 %;
  });
});

describe('allocationWarning', () => {
  it.each([
    ['exactly allocated', 100, 100, null],
    ['no team quota', null, 50, null],
    ['over', 100, 120, { kind: 'overAllocated', teamQuota: 100, allocated: 120 }],
    ['under', 100, 80, { kind: 'underAllocated', teamQuota: 100, allocated: 80 }],
  ] as const)('%s', (_name, teamQuota, allocated, expected) => {
    expect(allocationWarning(teamQuota, allocated)).toEqual(expected);
  });
});

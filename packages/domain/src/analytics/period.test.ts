import { describe, expect, it } from 'vitest';
import {
  daysOf,
  monthsOf,
  previousPeriods,
  requiredCallsInPeriod,
  resolvePeriod,
  workingDaysUpTo,
} from './period.ts';
import { requiredCallsInCycle } from '../planning/plan-warnings.ts';

const cycle = { cycleStart: '2026-01-05', weeks: 4 };

describe('workingDaysUpTo', () => {
  it.each([
    // National Day 2026: 10-01 … 10-07 off, Saturday 10-10 worked (调休)
    [
      'National Day week: only the 调休 Saturday and Thursday/Friday after',
      '2026-10-01',
      '2026-10-11',
      '2026-12-31',
      3,
    ],
    ['the holiday days alone', '2026-10-01', '2026-10-07', '2026-12-31', 0],
    ['the 调休 Saturday alone', '2026-10-10', '2026-10-10', '2026-12-31', 1],
    // 中秋 2026: Friday 09-25 off, Sunday 09-20 worked
    ['Mid-Autumn week: Sunday 09-20 in, Friday 09-25 out', '2026-09-20', '2026-09-26', '2026-12-31', 5],
    ['a plain week', '2026-11-16', '2026-11-22', '2026-12-31', 5],
    ['up to today only', '2026-11-30', '2026-12-06', '2026-12-02', 3],
    ['a period that has not started', '2026-12-14', '2026-12-20', '2026-12-07', 0],
    ['today on the first day', '2026-12-07', '2026-12-13', '2026-12-07', 1],
  ])('%s', (_name, from, to, today, expected) => {
    expect(workingDaysUpTo({ from, to }, today)).toBe(expected);
  });
});

describe('requiredCallsInPeriod', () => {
  it.each([
    // visits per 4 weeks, from, to, expected
    [4, '2026-11-09', '2026-12-06', 4], // a 4-week cycle: the visits themselves
    [2, '2026-11-09', '2026-12-06', 2],
    [4, '2026-11-01', '2026-11-30', 4], // 30 days: 4.29 → 4
    [4, '2026-10-01', '2026-10-31', 4], // 31 days: 4.43 → 4
    [2, '2026-02-01', '2026-02-28', 2], // 28 days
    [4, '2026-10-01', '2026-12-31', 13], // a quarter, 92 days: 13.1 → 13
    [1, '2026-11-16', '2026-11-22', 1], // a week of a C doctor: 0.25 → at least 1
    [0, '2026-11-01', '2026-11-30', 0], // no visits: nothing required
    [3, '2026-11-01', '2026-11-14', 2], // 14 days: 1.5 → 2 (half up)
  ])('%i visits per 4 weeks over %s ~ %s → %i', (visits, from, to, expected) => {
    expect(requiredCallsInPeriod(visits, { from, to })).toBe(expected);
  });

  it.each([1, 2, 3, 4, 6])('equals requiredCallsInCycle for a %i-week cycle', (weeks) => {
    const period = resolvePeriod({ kind: 'cycle', date: '2026-11-20' }, { cycleStart: '2026-01-05', weeks });
    for (const visits of [0, 1, 2, 3, 4, 8])
      expect(requiredCallsInPeriod(visits, period)).toBe(requiredCallsInCycle(visits, weeks));
  });
});

describe('resolvePeriod and friends', () => {
  it.each([
    [{ kind: 'cycle', date: '2026-11-20' } as const, '2026-11-09', '2026-12-06', 28],
    [{ kind: 'month', date: '2026-02-14' } as const, '2026-02-01', '2026-02-28', 28],
    [{ kind: 'quarter', date: '2026-11-20' } as const, '2026-10-01', '2026-12-31', 92],
    [{ kind: 'custom', from: '2026-11-03', to: '2026-11-05' } as const, '2026-11-03', '2026-11-05', 3],
  ])('%o → %s ~ %s (%i days)', (request, from, to, days) => {
    const p = resolvePeriod(request, cycle);
    expect([p.from, p.to, daysOf(p)]).toEqual([from, to, days]);
  });

  it('gives the six cycles before and including a period, oldest first', () => {
    const periods = previousPeriods(resolvePeriod({ kind: 'cycle', date: '2026-11-20' }, cycle), 6, cycle);
    expect(periods.map((p) => p.from)).toEqual([
      '2026-06-22',
      '2026-07-20',
      '2026-08-17',
      '2026-09-14',
      '2026-10-12',
      '2026-11-09',
    ]);
    // back to back: each ends the day before the next starts
    for (let i = 1; i < 6; i++) expect(daysOf({ from: periods[i - 1]!.to, to: periods[i]!.from })).toBe(2);
  });

  it('lists the months a quarter touches', () => {
    expect(monthsOf({ from: '2026-11-09', to: '2027-01-03' })).toEqual(['2026-11', '2026-12', '2027-01']);
  });
});

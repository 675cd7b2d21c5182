import { describe, expect, it } from 'vitest';
import {
  evaluatePromotion,
  evaluationWindow,
  payoutDateAllowed,
  payoutOverBudget,
  periodBefore,
} from './promotions.ts';

describe('payoutDateAllowed (the period + 30 days grace)', () => {
  const p = { startsOn: '2026-03-01', endsOn: '2026-03-31' };
  it.each([
    ['2026-02-28', false],
    ['2026-03-01', true],
    ['2026-03-31', true],
    ['2026-04-30', true],
    ['2026-05-01', false],
  ] as const)('%s → %s', (paidOn, allowed) => {
    expect(payoutDateAllowed(p, paidOn)).toBe(allowed);
  });
});

describe('payoutOverBudget', () => {
  it.each([
    [10_000, 6_000, 4_000, false],
    [10_000, 6_000, 4_001, true],
    [0, 0, 1, true],
  ] as const)('budget %i, paid %i, + %i → over %s', (budget, paid, amount, over) => {
    expect(payoutOverBudget(budget, paid, amount)).toBe(over);
  });
});

describe('periodBefore', () => {
  it.each([
    ['2026-03-01', '2026-03-31', '2026-01-29', '2026-02-28', 31],
    ['2026-03-10', '2026-03-10', '2026-03-09', '2026-03-09', 1],
  ] as const)('%s..%s → %s..%s (%i days)', (start, end, from, to, days) => {
    expect(periodBefore(start, end)).toEqual({ from, to, days });
  });
});

describe('evaluationWindow', () => {
  it.each([
    [
      'ended',
      '2026-03-01',
      '2026-03-31',
      '2026-05-01',
      { from: '2026-03-01', to: '2026-03-31', days: 31, beforeFrom: '2026-01-29', beforeTo: '2026-02-28' },
    ],
    [
      'running: up to today',
      '2026-03-01',
      '2026-03-31',
      '2026-03-10',
      { from: '2026-03-01', to: '2026-03-10', days: 10, beforeFrom: '2026-02-19', beforeTo: '2026-02-28' },
    ],
    [
      'starts today',
      '2026-03-01',
      '2026-03-31',
      '2026-03-01',
      { from: '2026-03-01', to: '2026-03-01', days: 1, beforeFrom: '2026-02-28', beforeTo: '2026-02-28' },
    ],
    ['not started', '2026-03-01', '2026-03-31', '2026-02-28', null],
  ] as const)('%s', (_name, start, end, today, expected) => {
    expect(evaluationWindow(start, end, today)).toEqual(expected);
  });
});

describe('evaluatePromotion', () => {
  it.each([
    [
      'uplift and cost per extra unit',
      { unitsDuring: 150, unitsBefore: 100, paidFen: 10_000, budgetFen: 20_000 },
      { extraUnits: 50, upliftPct: 50, budgetUsedPct: 50, costPerExtraUnitFen: 200 },
    ],
    [
      'nothing sold before: no uplift %',
      { unitsDuring: 30, unitsBefore: 0, paidFen: 3_000, budgetFen: 0 },
      { extraUnits: 30, upliftPct: null, budgetUsedPct: null, costPerExtraUnitFen: 100 },
    ],
    [
      'sales fell: no cost per extra unit',
      { unitsDuring: 80, unitsBefore: 100, paidFen: 5_000, budgetFen: 5_000 },
      { extraUnits: -20, upliftPct: -20, budgetUsedPct: 100, costPerExtraUnitFen: null },
    ],
    [
      'one decimal',
      { unitsDuring: 4, unitsBefore: 3, paidFen: 1, budgetFen: 3 },
      { extraUnits: 1, upliftPct: 33.3, budgetUsedPct: 33.3, costPerExtraUnitFen: 1 },
    ],
  ] as const)('%s', (_name, input, expected) => {
    expect(evaluatePromotion(input)).toMatchObject(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  keyAccountValue,
  monthlyChanges,
  rankKeyAccounts,
  validateKeyAccountShare,
  type KeyAccountValueSource,
  type ValuedAccount,
} from './key-accounts.ts';

/** Accounts a, b, c … with the given values. */
const accounts = (...values: number[]): ValuedAccount[] =>
  values.map((value, i) => ({ id: String.fromCharCode(97 + i), value }));
const keyIds = (items: ValuedAccount[], share?: number) =>
  rankKeyAccounts(items, share)
    .filter((a) => a.isKey)
    .map((a) => a.id)
    .join('');

describe('rankKeyAccounts — how many are key', () => {
  it.each([
    ['10 accounts → top 2', accounts(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), undefined, 'ab'],
    ['8 accounts → 1.6 rounds to 2', accounts(8, 7, 6, 5, 4, 3, 2, 1), undefined, 'ab'],
    ['7 accounts → 1.4 rounds to 1', accounts(7, 6, 5, 4, 3, 2, 1), undefined, 'a'],
    ['5 accounts → exactly 1', accounts(5, 4, 3, 2, 1), undefined, 'a'],
    ['2 accounts → 0.4, but at least 1', accounts(1, 2), undefined, 'b'],
    ['a single account with value', accounts(3), undefined, 'a'],
    ['ties at the boundary are all key', accounts(10, 8, 8, 8, 1, 1, 1, 1, 1, 1), undefined, 'abcd'],
    ['a tie for first place', accounts(5, 5, 1, 1, 1), undefined, 'ab'],
    [
      'zero-value accounts are never key, even inside the share',
      accounts(5, 0, 0, 0, 0, 0, 0, 0, 0, 0),
      undefined,
      'a',
    ],
    ['all zero → none', accounts(0, 0, 0, 0, 0), undefined, ''],
    ['no accounts → none', [], undefined, ''],
    ['share 1 → every account with value', accounts(3, 0, 1, 2), 1, 'adc'],
    ['share 0.5 of 4 → 2', accounts(4, 3, 2, 1), 0.5, 'ab'],
  ])('%s', (_label, items, share, expected) => {
    expect(keyIds(items, share)).toBe(expected);
  });
});

describe('rankKeyAccounts — order and ranks', () => {
  it('sorts by value then id, with shared ranks for ties', () => {
    expect(rankKeyAccounts(accounts(1, 9, 5, 9, 0))).toEqual([
      { id: 'b', value: 9, rank: 1, isKey: true },
      { id: 'd', value: 9, rank: 1, isKey: true },
      { id: 'c', value: 5, rank: 3, isKey: false },
      { id: 'a', value: 1, rank: 4, isKey: false },
      { id: 'e', value: 0, rank: 5, isKey: false },
    ]);
  });

  it('never marks a zero, always marks someone when any value is positive, and never skips a higher value', () => {
    const items = fc.uniqueArray(fc.record({ id: fc.string(), value: fc.nat(50) }), {
      selector: (a) => a.id,
    });
    const share = fc.double({ min: 0.01, max: 1, noNaN: true });
    fc.assert(
      fc.property(items, share, (list, s) => {
        const ranked = rankKeyAccounts(list, s);
        const keys = ranked.filter((a) => a.isKey);
        const others = ranked.filter((a) => !a.isKey);
        expect(keys.every((a) => a.value > 0)).toBe(true);
        if (list.some((a) => a.value > 0)) expect(keys.length).toBeGreaterThanOrEqual(1);
        const lowestKey = Math.min(...keys.map((a) => a.value));
        expect(others.every((a) => a.value < lowestKey || a.value === 0)).toBe(true);
      }),
    );
  });
});

describe('rankKeyAccounts — invalid input is a bug upstream', () => {
  it.each([
    ['share 0', accounts(1), 0, 'keyAccount.shareOutOfRange'],
    ['negative share', accounts(1), -0.2, 'keyAccount.shareOutOfRange'],
    ['share above 1', accounts(1), 1.5, 'keyAccount.shareOutOfRange'],
    ['share NaN', accounts(1), Number.NaN, 'keyAccount.shareOutOfRange'],
    ['negative value', accounts(3, -1), 0.2, 'keyAccount.valueInvalid'],
    ['value NaN', accounts(Number.NaN), 0.2, 'keyAccount.valueInvalid'],
    ['infinite value', accounts(Infinity), 0.2, 'keyAccount.valueInvalid'],
  ])('%s throws', (_label, items, share, message) => {
    expect(() => rankKeyAccounts(items, share)).toThrow(new RangeError(message));
  });
});

describe('validateKeyAccountShare', () => {
  it.each([
    [0.2, true],
    [1, true],
    [0.001, true],
    [0, false],
    [1.01, false],
    [-0.2, false],
    [Number.NaN, false],
  ])('%d valid: %s', (share, valid) => {
    expect(validateKeyAccountShare(share)).toEqual(
      valid ? { ok: true } : { ok: false, error: { key: 'keyAccount.shareOutOfRange' } },
    );
  });
});

describe('keyAccountValue', () => {
  it.each<[string, KeyAccountValueSource, number]>([
    ['top potential, first choice: 5 × 9', { kind: 'score', potential: 5, status: 4 }, 45],
    ['top potential, opposed: still 5 × 1', { kind: 'score', potential: 5, status: -4 }, 5],
    ['lowest potential, opposed: 1 × 1', { kind: 'score', potential: 1, status: -4 }, 1],
    ['listed, not prescribing: 3 × 5', { kind: 'score', potential: 3, status: 0 }, 15],
    ['potential 0 on a 0-based scale is worth nothing', { kind: 'score', potential: 0, status: 4 }, 0],
    ['sales in fen', { kind: 'sales', amountFen: 1_234_500 }, 1_234_500],
    ['no sales', { kind: 'sales', amountFen: 0 }, 0],
    ['net returns count as 0', { kind: 'sales', amountFen: -50_000 }, 0],
  ])('%s', (_label, source, value) => {
    expect(keyAccountValue(source)).toBe(value);
  });

  it.each<[string, KeyAccountValueSource, string]>([
    ['status 5', { kind: 'score', potential: 3, status: 5 }, 'score.statusOutOfRange'],
    ['status 0.5', { kind: 'score', potential: 3, status: 0.5 }, 'score.statusOutOfRange'],
    ['negative potential', { kind: 'score', potential: -1, status: 0 }, 'score.potentialOutOfRange'],
    ['fractional potential', { kind: 'score', potential: 2.5, status: 0 }, 'score.potentialOutOfRange'],
    ['sales NaN', { kind: 'sales', amountFen: Number.NaN }, 'keyAccount.valueInvalid'],
  ])('%s throws', (_label, source, message) => {
    expect(() => keyAccountValue(source)).toThrow(new RangeError(message));
  });
});

describe('monthlyChanges', () => {
  it.each([
    ['same list', ['a', 'b'], ['b', 'a'], { entered: [], left: [], stayed: ['b', 'a'] }],
    [
      'one in, one out',
      ['a', 'b', 'c'],
      ['b', 'c', 'd'],
      { entered: ['d'], left: ['a'], stayed: ['b', 'c'] },
    ],
    ['first month', [], ['a', 'b'], { entered: ['a', 'b'], left: [], stayed: [] }],
    ['everyone left', ['a', 'b'], [], { entered: [], left: ['a', 'b'], stayed: [] }],
    ['both empty', [], [], { entered: [], left: [], stayed: [] }],
    ['repeated ids count once', ['a', 'a'], ['a', 'b', 'b'], { entered: ['b'], left: [], stayed: ['a'] }],
  ])('%s', (_label, previous, current, expected) => {
    expect(monthlyChanges(previous, current)).toEqual(expected);
  });
});

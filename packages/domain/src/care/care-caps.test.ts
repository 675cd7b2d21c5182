import { describe, expect, it } from 'vitest';
import { defaultCareTiers, type CareKind } from './care-catalog.ts';
import {
  capSharePct,
  checkCareAction,
  formatFen,
  isNearCap,
  medianFen,
  parseYuan,
  unusualSpenders,
} from './care-caps.ts';

const [tierA, , normal] = defaultCareTiers as [
  (typeof defaultCareTiers)[0],
  (typeof defaultCareTiers)[0],
  (typeof defaultCareTiers)[0],
];

describe('parseYuan', () => {
  it.each([
    ['500', 50_000],
    ['500.01', 50_001],
    ['500.00', 50_000],
    ['0.1', 10],
    ['0.10', 10],
    ['.5', 50],
    ['12.', 1_200],
    ['0', 0],
    [' 88.8 ', 8_880],
    ['¥1,234.50', 123_450],
    ['￥100', 10_000],
  ])('%s → %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ ok: true, fen });
  });

  it.each([
    ['500.001', 'care.value.tooManyDecimals'],
    ['0.125', 'care.value.tooManyDecimals'],
    ['-1', 'care.value.negative'],
    ['-0.01', 'care.value.negative'],
    ['abc', 'care.value.notNumber'],
    ['', 'care.value.notNumber'],
    ['.', 'care.value.notNumber'],
    ['1e3', 'care.value.notNumber'],
    ['5 00', 'care.value.notNumber'],
    ['99999999999', 'care.value.notNumber'],
  ])('%j is refused with %s', (text, key) => {
    expect(parseYuan(text)).toEqual({ ok: false, key });
  });
});

describe('formatFen', () => {
  it.each([
    [50_000, '¥500.00'],
    [50_001, '¥500.01'],
    [10, '¥0.10'],
    [0, '¥0.00'],
    [300_000, '¥3,000.00'],
    [123_456_789, '¥1,234,567.89'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });
});

describe('checkCareAction', () => {
  it.each<[string, CareKind, number, number, string[]]>([
    ['¥500.00 under the ¥500 per-action cap', 'smallGift', 50_000, 0, []],
    ['¥500.01 over the ¥500 per-action cap', 'smallGift', 50_001, 0, ['overActionCap']],
    ['exactly reaching the ¥3,000 year cap', 'meal', 50_000, 250_000, []],
    ['one fen past the year cap', 'meal', 50_000, 250_001, ['overYearCap']],
    ['over both caps', 'meal', 60_000, 250_000, ['overActionCap', 'overYearCap']],
  ])('tier A: %s', (_label, kind, valueFen, yearSpentFen, reasons) => {
    const result = checkCareAction({ policy: tierA, kind, valueFen, yearSpentFen });
    expect(result).toEqual({ overCap: reasons.length > 0, reasons });
  });

  it.each<[string, CareKind, number, number, string[]]>([
    ['a meal is not allowed for ordinary customers', 'meal', 5_000, 0, ['kindNotAllowed']],
    ['¥100.00 gift is fine', 'smallGift', 10_000, 0, []],
    ['¥100.01 gift needs approval', 'smallGift', 10_001, 0, ['overActionCap']],
    // year total across all reps: rep A ¥300 + rep B ¥200 = the ¥500 cap; one more yuan is over
    ['another rep already reached the year cap', 'greeting', 100, 50_000, ['overYearCap']],
    ['a free greeting at the year cap', 'greeting', 0, 50_000, []],
    ['every reason at once', 'meal', 60_000, 0, ['kindNotAllowed', 'overActionCap', 'overYearCap']],
  ])('tier 普通: %s', (_label, kind, valueFen, yearSpentFen, reasons) => {
    expect(checkCareAction({ policy: normal, kind, valueFen, yearSpentFen }).reasons).toEqual(reasons);
  });
});

describe('near the cap', () => {
  it.each([
    [40_000, 50_000, 80, true],
    [39_999, 50_000, 80, false],
    [50_001, 50_000, 80, true],
    [0, 0, 80, true],
  ])('%i of a %i cap at %i%% → %s', (value, cap, pct, near) => {
    expect(isNearCap(value, cap, pct)).toBe(near);
  });

  it.each([
    [40_000, 50_000, 80],
    [50_001, 50_000, 100],
    [1, 3, 33.3],
    [5, 0, 100],
  ])('share of %i in a %i cap is %d%%', (value, cap, pct) => {
    expect(capSharePct(value, cap)).toBe(pct);
  });
});

describe('medianFen and unusualSpenders', () => {
  it.each([
    [[], 0],
    [[300], 300],
    [[500, 100, 300], 300],
    [[100, 200, 301, 401], 251],
  ])('median of %j is %i', (values, median) => {
    expect(medianFen(values)).toBe(median);
  });

  it('flags reps over factor × the median of reps with spend, highest first', () => {
    const totals = new Map([
      ['a', 10_000],
      ['b', 12_000],
      ['c', 30_000],
      ['d', 25_000],
      ['e', 0],
    ]);
    // median of 10k, 12k, 25k, 30k = 18.5k; 2 × 18.5k = 37k: nobody; 1.5 × = 27.75k: c
    expect(unusualSpenders(totals, 2)).toEqual([]);
    expect(unusualSpenders(totals, 1.5)).toEqual([{ repId: 'c', totalFen: 30_000, medianFen: 18_500 }]);
  });

  it('ignores reps without spend when taking the median, and accepts a plain record', () => {
    expect(unusualSpenders({ a: 100, b: 100, c: 1_000, d: 0, e: 0, f: 0 }, 2)).toEqual([
      { repId: 'c', totalFen: 1_000, medianFen: 100 },
    ]);
  });

  it('is exclusive at the boundary: exactly factor × median is not unusual', () => {
    expect(unusualSpenders({ a: 100, b: 100, c: 200 }, 2)).toEqual([]);
  });
});

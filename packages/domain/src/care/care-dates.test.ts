import { describe, expect, it } from 'vitest';
import { careFestivalKeys, type CareFestival } from './care-catalog.ts';
import {
  festivalDate,
  festivalsBetween,
  isValidYearlyDate,
  lunarOf,
  nextOccurrence,
  occurrencesBetween,
} from './care-dates.ts';

describe('festivalDate per year (lunar ones through tyme4ts)', () => {
  it.each<[CareFestival, number, string]>([
    ['midAutumn', 2025, '2025-10-06'],
    ['midAutumn', 2026, '2026-09-25'],
    ['midAutumn', 2027, '2027-09-15'],
    ['springFestival', 2026, '2026-02-17'],
    ['springFestival', 2027, '2027-02-06'],
    ['springFestival', 2025, '2025-01-29'],
    ['lanternFestival', 2026, '2026-03-03'],
    ['dragonBoat', 2026, '2026-06-19'],
    ['dragonBoat', 2025, '2025-05-31'],
    ['newYearsEve', 2026, '2026-02-16'],
    ['newYearsEve', 2025, '2025-01-28'],
    ['newYearsEve', 2027, '2027-02-05'],
    ['mothersDay', 2026, '2026-05-10'],
    ['mothersDay', 2025, '2025-05-11'],
    ['mothersDay', 2027, '2027-05-09'],
    ['newYear', 2026, '2026-01-01'],
    ['womensDay', 2026, '2026-03-08'],
    ['nursesDay', 2026, '2026-05-12'],
    ['doctorsDay', 2026, '2026-08-19'],
    ['teachersDay', 2026, '2026-09-10'],
    ['nationalDay', 2026, '2026-10-01'],
  ])('%s %i → %s', (festival, year, date) => {
    expect(festivalDate(festival, year)).toBe(date);
  });

  it.each(careFestivalKeys.flatMap((f) => [2024, 2025, 2026, 2027, 2030].map((y) => [f, y] as const)))(
    '%s falls in %i',
    (festival, year) => {
      expect(festivalDate(festival, year).slice(0, 4)).toBe(String(year));
    },
  );

  it('keeps the lunar festivals on their lunar day', () => {
    expect(lunarOf(festivalDate('midAutumn', 2027))).toMatchObject({ month: 8, day: 15, isLeap: false });
    expect(lunarOf(festivalDate('dragonBoat', 2028))).toMatchObject({ month: 5, day: 5, isLeap: false });
    // 除夕 is the last day of the 12th month: the next day is 正月初一
    expect(lunarOf('2026-02-17')).toMatchObject({ year: 2026, month: 1, day: 1 });
    expect(lunarOf(festivalDate('newYearsEve', 2026))).toMatchObject({ year: 2025, month: 12 });
  });
});

describe('festivalsBetween', () => {
  it.each<[string, CareFestival[], string, string, [CareFestival, string][]]>([
    [
      'the window holds two, by date',
      ['midAutumn', 'nationalDay', 'teachersDay'],
      '2026-09-01',
      '2026-09-30',
      [
        ['teachersDay', '2026-09-10'],
        ['midAutumn', '2026-09-25'],
      ],
    ],
    ['both ends included', ['midAutumn'], '2025-10-06', '2025-10-06', [['midAutumn', '2025-10-06']]],
    ['unobserved festivals are not listed', ['newYear'], '2026-09-01', '2026-10-31', []],
    [
      'across the new year',
      ['newYear', 'newYearsEve', 'springFestival'],
      '2026-12-01',
      '2027-02-28',
      [
        ['newYear', '2027-01-01'],
        ['newYearsEve', '2027-02-05'],
        ['springFestival', '2027-02-06'],
      ],
    ],
    ['an empty window', ['newYear'], '2026-02-01', '2026-01-01', []],
  ])('%s', (_label, keys, from, to, expected) => {
    expect(festivalsBetween(keys, from, to).map((f) => [f.festival, f.date])).toEqual(expected);
  });

  it('lists each observed festival once in a calendar year', () => {
    const all = festivalsBetween(careFestivalKeys, '2026-01-01', '2026-12-31');
    expect(all.map((f) => f.festival).sort()).toEqual([...careFestivalKeys].sort());
  });
});

describe('nextOccurrence of a yearly date', () => {
  it.each<[string, { month: number; day: number; isLunar: boolean }, string, number, string | null]>([
    ['solar, later this month', { month: 12, day: 1, isLunar: false }, '2026-11-23', 30, '2026-12-01'],
    ['solar, today', { month: 11, day: 23, isLunar: false }, '2026-11-23', 0, '2026-11-23'],
    ['solar, just past', { month: 11, day: 22, isLunar: false }, '2026-11-23', 30, null],
    ['solar, across the new year', { month: 1, day: 5, isLunar: false }, '2026-12-20', 30, '2027-01-05'],
    ['solar 02-29 in a common year', { month: 2, day: 29, isLunar: false }, '2027-02-15', 30, '2027-02-28'],
    ['solar 02-29 in a leap year', { month: 2, day: 29, isLunar: false }, '2028-02-15', 30, '2028-02-29'],
    ['lunar 八月十五 in 2026', { month: 8, day: 15, isLunar: true }, '2026-09-10', 30, '2026-09-25'],
    [
      'lunar 腊月三十 in a 29-day month',
      { month: 12, day: 30, isLunar: true },
      '2026-02-01',
      30,
      '2026-02-16',
    ],
    ['lunar 腊月二十九 in that year', { month: 12, day: 29, isLunar: true }, '2026-02-01', 30, '2026-02-16'],
    ['lunar 六月初一 in 2025', { month: 6, day: 1, isLunar: true }, '2025-06-20', 30, '2025-06-25'],
    [
      'lunar 六月初一: 闰六月 (2025-07-25) is skipped',
      { month: 6, day: 1, isLunar: true },
      '2025-07-01',
      60,
      null,
    ],
    ['lunar 六月初一 a year on', { month: 6, day: 1, isLunar: true }, '2025-08-01', 366, '2026-07-14'],
    [
      'lunar 正月初一 across the solar year',
      { month: 1, day: 1, isLunar: true },
      '2026-12-01',
      90,
      '2027-02-06',
    ],
    ['not a real day', { month: 2, day: 30, isLunar: false }, '2026-01-01', 366, null],
    ['a lunar 31st', { month: 1, day: 31, isLunar: true }, '2026-01-01', 366, null],
  ])('%s', (_label, date, from, days, expected) => {
    expect(nextOccurrence(date, from, days)).toBe(expected);
  });
});

describe('occurrencesBetween', () => {
  it('finds a date twice in a window longer than a year', () => {
    expect(occurrencesBetween({ month: 1, day: 1, isLunar: false }, '2026-01-01', '2027-01-01')).toEqual([
      '2026-01-01',
      '2027-01-01',
    ]);
  });
  it('finds a lunar date in each lunar year of the window', () => {
    expect(occurrencesBetween({ month: 8, day: 15, isLunar: true }, '2025-01-01', '2027-12-31')).toEqual([
      '2025-10-06',
      '2026-09-25',
      '2027-09-15',
    ]);
  });
});

describe('isValidYearlyDate', () => {
  it.each<[number, number, boolean, boolean]>([
    [2, 29, false, true],
    [2, 30, false, false],
    [4, 31, false, false],
    [12, 31, false, true],
    [12, 30, true, true],
    [1, 31, true, false],
    [13, 1, false, false],
    [0, 1, true, false],
    [3, 0, false, false],
  ])('month %i day %i lunar %s → %s', (month, day, isLunar, ok) => {
    expect(isValidYearlyDate({ month, day, isLunar })).toBe(ok);
  });
});

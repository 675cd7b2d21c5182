import { describe, expect, it } from 'vitest';
import { cycleOf, holidayDataCovers, isWorkingDay, workingDaysBetween } from './working-days.ts';

describe('isWorkingDay (2026, from chinese-days)', () => {
  it.each([
    ['2026-10-01', false, '国庆节 (Thursday)'],
    ['2026-10-07', false, '国庆节 last day (Wednesday)'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, '调休 make-up Saturday after 国庆'],
    ['2026-09-20', true, '调休 make-up Sunday before 国庆'],
    ['2026-02-14', true, '调休 make-up Saturday before 春节'],
    ['2026-02-16', false, '春节 (Monday)'],
    ['2026-11-21', false, 'ordinary Saturday'],
    ['2026-11-23', true, 'ordinary Monday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay('2026/10/01')).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2026-10-01', '2026-10-11', ['2026-10-08', '2026-10-09', '2026-10-10']],
    ['2026-09-19', '2026-09-20', ['2026-09-20']],
    ['2026-11-23', '2026-11-23', ['2026-11-23']],
    ['2026-11-24', '2026-11-23', []],
  ])('%s … %s', (start, end, expected) => {
    expect(workingDaysBetween(start, end)).toEqual(expected);
  });

  it.each([
    // October 2026: 22 weekdays − 5 holiday weekdays (1,2,5,6,7) + make-up Saturday 10th = 18
    ['2026-10-01', '2026-10-31', 18],
    // A plain 4-week cycle without holidays
    ['2026-11-02', '2026-11-29', 20],
  ])('%s … %s has %d working days', (start, end, count) => {
    expect(workingDaysBetween(start, end)).toHaveLength(count);
  });
});

describe('holidayDataCovers', () => {
  it.each([
    [2026, true],
    [2004, true],
    [1990, false],
  ])('%d → %s', (year, expected) => {
    expect(holidayDataCovers(year)).toBe(expected);
  });
});

describe('cycleOf', () => {
  const anchor = '2026-11-02'; // a Monday
  it.each([
    ['2026-11-02', 4, 0, '2026-11-02', '2026-11-29'],
    ['2026-11-29', 4, 0, '2026-11-02', '2026-11-29'],
    ['2026-11-30', 4, 1, '2026-11-30', '2026-12-27'],
    ['2026-11-01', 4, -1, '2026-10-05', '2026-11-01'],
    ['2026-11-16', 2, 1, '2026-11-16', '2026-11-29'],
  ])('%s with %d-week cycles → #%d %s … %s', (date, weeks, index, start, end) => {
    expect(cycleOf(date, { cycleStart: anchor, weeks })).toEqual({ index, start, end });
  });

  it.each([0, -1, 1.5])('rejects %d weeks', (weeks) => {
    expect(() => cycleOf('2026-11-02', { cycleStart: anchor, weeks })).toThrow(RangeError);
  });
});

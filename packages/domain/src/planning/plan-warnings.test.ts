import { describe, expect, it } from 'vitest';
import {
  bestGrade,
  dayLoadWarning,
  holidayNameOf,
  isWithinAvailability,
  requiredCallsInCycle,
  yearsWithoutHolidayData,
} from './plan-warnings.ts';

const limits = { minPerDay: 10, maxPerDay: 15 };

describe('dayLoadWarning', () => {
  it.each([
    [{ count: 16, workingDay: true, expected: true }, 'aboveMaxCalls'],
    [{ count: 1, workingDay: false, expected: false }, null],
    [{ count: 16, workingDay: false, expected: false }, 'aboveMaxCalls'],
    [{ count: 9, workingDay: true, expected: true }, 'belowMinCalls'],
    [{ count: 0, workingDay: true, expected: true }, 'belowMinCalls'],
    [{ count: 0, workingDay: true, expected: false }, null],
    [{ count: 3, workingDay: false, expected: true }, null],
    [{ count: 10, workingDay: true, expected: true }, null],
    [{ count: 15, workingDay: true, expected: true }, null],
  ])('%o → %s', (day, code) => {
    expect(dayLoadWarning({ date: '2026-11-23', ...day }, limits)?.code ?? null).toBe(code);
  });

  it('carries the date and the count', () => {
    expect(
      dayLoadWarning({ date: '2026-11-24', count: 2, workingDay: true, expected: true }, limits),
    ).toEqual({
      code: 'belowMinCalls',
      date: '2026-11-24',
      count: 2,
    });
  });
});

describe('yearsWithoutHolidayData', () => {
  it.each([
    ['2026-11-09', '2026-12-06', []],
    ['2026-12-07', '2027-01-03', [2027]],
    ['2026-01-01', '2026-12-31', []],
  ])('%s … %s → %o', (start, end, years) => {
    expect(yearsWithoutHolidayData(start, end)).toEqual(years);
  });
});

describe('holidayNameOf', () => {
  it.each([
    ['2026-10-01', '国庆节'],
    ['2026-10-10', '国庆节调休上班'],
    ['2026-02-16', '春节'],
    ['2026-11-23', null],
    ['2026-11-22', null],
  ])('%s → %s', (date, name) => {
    expect(holidayNameOf(date)).toBe(name);
  });
});

describe('isWithinAvailability', () => {
  const tuesdayAm = [{ weekday: 2, halfDay: 'am' as const }];
  it.each([
    [[], '2026-11-24', 'pm', true],
    [tuesdayAm, '2026-11-24', 'am', true],
    [tuesdayAm, '2026-11-24', 'pm', false],
    [tuesdayAm, '2026-11-23', 'am', false],
    [[{ weekday: 7, halfDay: 'am' as const }], '2026-11-22', 'am', true],
  ] as const)('%o on %s %s → %s', (available, date, halfDay, expected) => {
    expect(isWithinAvailability([...available], date, halfDay)).toBe(expected);
  });
});

describe('requiredCallsInCycle', () => {
  it.each([
    [4, 4, 4],
    [4, 2, 2],
    [1, 2, 1],
    [3, 8, 6],
    [0, 4, 0],
  ])('%d per 4 weeks over %d weeks → %d', (visits, weeks, expected) => {
    expect(requiredCallsInCycle(visits, weeks)).toBe(expected);
  });
});

describe('bestGrade', () => {
  it.each([
    [['B', 'A', 'C'], 'A'],
    [['C', 'X'], 'C'],
    [['Y', 'X'], 'X'],
    [[], null],
  ])('%o → %s', (grades, expected) => {
    expect(bestGrade(grades, ['A', 'B', 'C'])).toBe(expected);
  });
});

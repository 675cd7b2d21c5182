import { describe, expect, it } from 'vitest';
import {
  addDays,
  asWeekday,
  chinaSlot,
  datesBetween,
  defaultPlanningWeek,
  isoWeekday,
  mondayOf,
  rangeOf,
  stepAnchor,
  type CalendarView,
} from './plan-dates.ts';

// 2026-11-23 is a Monday.
describe('addDays', () => {
  it.each([
    ['2026-11-23', 0, '2026-11-23'],
    ['2026-11-23', 1, '2026-11-24'],
    ['2026-11-23', -1, '2026-11-22'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-23', 28, '2026-12-21'],
  ])('%s %+d days → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('isoWeekday and mondayOf', () => {
  it.each([
    ['2026-11-23', 1, '2026-11-23'],
    ['2026-11-26', 4, '2026-11-23'],
    ['2026-11-28', 6, '2026-11-23'],
    ['2026-11-29', 7, '2026-11-23'],
    ['2027-01-01', 5, '2026-12-28'],
    ['2028-03-01', 3, '2028-02-28'],
  ])('%s is weekday %i of the week from %s', (date, weekday, monday) => {
    expect(isoWeekday(date)).toBe(weekday);
    expect(mondayOf(date)).toBe(monday);
  });
});

describe('asWeekday', () => {
  it.each([
    [1, 1],
    [7, 7],
    [0, 1],
    [-3, 1],
    [8, 7],
    [3.4, 3],
    [6.6, 7],
  ])('%d → %d', (value, expected) => {
    expect(asWeekday(value)).toBe(expected);
  });
});

describe('datesBetween', () => {
  it.each([
    ['2026-11-23', '2026-11-23', ['2026-11-23']],
    ['2026-11-29', '2026-12-02', ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']],
    ['2026-12-31', '2027-01-01', ['2026-12-31', '2027-01-01']],
    ['2026-11-24', '2026-11-23', []],
  ])('%s … %s', (from, to, expected) => {
    expect(datesBetween(from, to)).toEqual(expected);
  });
});

describe('rangeOf', () => {
  it.each<[CalendarView, string, string, string]>([
    ['day', '2026-11-26', '2026-11-26', '2026-11-26'],
    ['week', '2026-11-26', '2026-11-23', '2026-11-29'],
    ['week', '2026-11-29', '2026-11-23', '2026-11-29'],
    ['list', '2026-11-23', '2026-11-23', '2026-11-29'],
    // November 2026 starts on a Sunday and ends on a Monday: six weeks
    ['month', '2026-11-15', '2026-10-26', '2026-12-06'],
    // February 2027 is exactly four weeks, Monday to Sunday
    ['month', '2027-02-10', '2027-02-01', '2027-02-28'],
    ['month', '2026-12-31', '2026-11-30', '2027-01-03'],
  ])('%s around %s is %s … %s', (view, anchor, from, to) => {
    expect(rangeOf(view, anchor)).toEqual({ from, to });
  });

  it.each(['2026-01-15', '2026-02-15', '2026-03-15', '2026-08-15', '2026-11-15', '2027-02-15'])(
    'a month view of %s is whole weeks of at most 42 days',
    (anchor) => {
      const { from, to } = rangeOf('month', anchor);
      const days = datesBetween(from, to);
      expect(isoWeekday(from)).toBe(1);
      expect(isoWeekday(to)).toBe(7);
      expect(days.length % 7).toBe(0);
      expect(days.length).toBeLessThanOrEqual(42);
      expect(days).toContain(`${anchor.slice(0, 7)}-01`);
    },
  );
});

describe('stepAnchor', () => {
  it.each<[CalendarView, string, 1 | -1, string]>([
    ['day', '2026-11-30', 1, '2026-12-01'],
    ['day', '2026-12-01', -1, '2026-11-30'],
    ['week', '2026-11-26', 1, '2026-12-03'],
    ['list', '2026-11-26', -1, '2026-11-19'],
    ['month', '2026-01-31', 1, '2026-02-01'],
    ['month', '2026-03-31', -1, '2026-02-01'],
    ['month', '2026-12-15', 1, '2027-01-01'],
  ])('%s from %s, %i → %s', (view, anchor, direction, expected) => {
    expect(stepAnchor(view, anchor, direction)).toBe(expected);
  });
});

describe('defaultPlanningWeek', () => {
  it.each([
    ['2026-11-23', '2026-11-23'], // Monday: this week
    ['2026-11-26', '2026-11-23'], // Thursday: this week
    ['2026-11-27', '2026-11-30'], // Friday: next week
    ['2026-11-28', '2026-11-30'],
    ['2026-11-29', '2026-11-30'], // Sunday: next week
    ['2026-12-31', '2026-12-28'],
    ['2027-01-01', '2027-01-04'],
  ])('on %s the week of %s', (today, monday) => {
    expect(defaultPlanningWeek(today)).toBe(monday);
  });
});

describe('chinaSlot', () => {
  it.each([
    ['2026-11-23T01:30:00.000Z', { date: '2026-11-23', time: '09:30', halfDay: 'am' }],
    ['2026-11-23T03:59:00.000Z', { date: '2026-11-23', time: '11:59', halfDay: 'am' }],
    ['2026-11-23T04:00:00.000Z', { date: '2026-11-23', time: '12:00', halfDay: 'pm' }],
    ['2026-11-23T15:59:00.000Z', { date: '2026-11-23', time: '23:59', halfDay: 'pm' }],
    // past midnight in China while still the 23rd in UTC
    ['2026-11-23T16:30:00.000Z', { date: '2026-11-24', time: '00:30', halfDay: 'am' }],
    ['2026-11-23T10:15:00+08:00', { date: '2026-11-23', time: '10:15', halfDay: 'am' }],
  ])('%s', (iso, expected) => {
    expect(chinaSlot(iso)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, chinaDateTime, mondayOf } from './china-date.ts';

describe('chinaDate', () => {
  it.each([
    ['2026-11-23T15:59:59Z', '2026-11-23'],
    ['2026-11-23T16:00:00Z', '2026-11-24'], // midnight in Beijing
    ['2026-12-31T20:00:00Z', '2027-01-01'],
  ])('%s is %s in China', (utc, expected) => {
    expect(chinaDate(new Date(utc))).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-11-23', 0, '2026-11-23'],
  ])('%s %+d → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('mondayOf', () => {
  it.each([
    ['2026-11-23', '2026-11-23'], // a Monday
    ['2026-11-25', '2026-11-23'],
    ['2026-11-29', '2026-11-23'], // Sunday belongs to the week before
    ['2027-01-01', '2026-12-28'], // across the year end
  ])('%s → %s', (date, expected) => {
    expect(mondayOf(date)).toBe(expected);
  });
});

describe('chinaDateTime', () => {
  it.each([
    ['2026-12-07T11:20:59Z', '2026-12-07 19:20'],
    ['2026-12-07T16:05:00.000Z', '2026-12-08 00:05'],
    ['2026-12-31T15:59:00Z', '2026-12-31 23:59'],
  ])('%s is %s in China', (utc, expected) => {
    expect(chinaDateTime(utc)).toBe(expected);
    expect(chinaDateTime(new Date(utc))).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import {
  attainmentPct,
  daysBetween,
  frequencyStatus,
  visitIntervalDays,
  type FrequencyStatus,
} from './frequency.ts';

describe('visitIntervalDays: cycle days / required calls, rounded down', () => {
  it.each([
    [28, 4, 7],
    [28, 2, 14],
    [28, 1, 28],
    [28, 3, 9],
    [14, 4, 3],
    [28, 40, 1],
    [28, 0, null],
  ])('%d days, %d calls → %s', (cycleDays, required, expected) => {
    expect(visitIntervalDays(cycleDays, required)).toBe(expected);
  });
});

describe('frequencyStatus: due date, overdue days and state', () => {
  const base = { cycleStart: '2026-11-02', cycleDays: 28 };
  it.each<[string, number, string | null, string, FrequencyStatus]>([
    [
      'nothing required',
      0,
      '2026-10-01',
      '2026-11-20',
      { dueDate: null, overdueDays: 0, state: 'notTarget' },
    ],
    [
      'A seen 7 days ago: due today',
      4,
      '2026-11-13',
      '2026-11-20',
      { dueDate: '2026-11-20', overdueDays: 0, state: 'due' },
    ],
    [
      'A due in 2 days: due',
      4,
      '2026-11-15',
      '2026-11-20',
      { dueDate: '2026-11-22', overdueDays: 0, state: 'due' },
    ],
    [
      'A due in 3 days: ok',
      4,
      '2026-11-16',
      '2026-11-20',
      { dueDate: '2026-11-23', overdueDays: 0, state: 'ok' },
    ],
    [
      'A seen 10 days ago: 3 days overdue',
      4,
      '2026-11-10',
      '2026-11-20',
      { dueDate: '2026-11-17', overdueDays: 3, state: 'overdue' },
    ],
    [
      'B every 14 days, seen 20 days ago',
      2,
      '2026-10-31',
      '2026-11-20',
      { dueDate: '2026-11-14', overdueDays: 6, state: 'overdue' },
    ],
    [
      'C once a cycle, seen last cycle',
      1,
      '2026-10-30',
      '2026-11-20',
      { dueDate: '2026-11-27', overdueDays: 0, state: 'ok' },
    ],
    [
      'never seen: due from the cycle start',
      2,
      null,
      '2026-11-20',
      { dueDate: '2026-11-02', overdueDays: 18, state: 'overdue' },
    ],
    [
      'never seen, first day of the cycle',
      1,
      null,
      '2026-11-02',
      { dueDate: '2026-11-02', overdueDays: 0, state: 'due' },
    ],
    [
      '3 calls: 9-day interval',
      3,
      '2026-11-11',
      '2026-11-20',
      { dueDate: '2026-11-20', overdueDays: 0, state: 'due' },
    ],
  ])('%s', (_label, required, lastCallDate, today, expected) => {
    expect(frequencyStatus({ ...base, required, lastCallDate, today })).toEqual(expected);
  });
});

describe('attainmentPct: Σ min(done, required) / Σ required', () => {
  it.each<[string, { required: number; done: number }[], number]>([
    ['nothing required', [], 100],
    ['only non-target doctors', [{ required: 0, done: 3 }], 100],
    [
      'all met',
      [
        { required: 4, done: 4 },
        { required: 2, done: 2 },
      ],
      100,
    ],
    [
      'extra calls do not make up for another doctor',
      [
        { required: 4, done: 8 },
        { required: 2, done: 0 },
      ],
      66.7,
    ],
    ['one of three', [{ required: 3, done: 1 }], 33.3],
    [
      'half',
      [
        { required: 4, done: 1 },
        { required: 2, done: 2 },
        { required: 2, done: 1 },
      ],
      50,
    ],
    ['one decimal', [{ required: 7, done: 1 }], 14.3],
  ])('%s → %d', (_label, rows, expected) => {
    expect(attainmentPct(rows)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-11-20', '2026-11-23', 3],
    ['2026-11-23', '2026-11-20', -3],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-03-28', '2026-03-30', 2],
  ])('%s → %s: %d', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

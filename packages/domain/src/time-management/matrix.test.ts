import { describe, expect, it } from 'vitest';
import { daysUntil, flagsOf, placeDerived, quadrantOf, quadrants, urgentWithinDays } from './matrix.ts';

describe('quadrantOf', () => {
  it.each([
    [true, true, 'A'],
    [true, false, 'B'],
    [false, true, 'C'],
    [false, false, 'D'],
  ] as const)('important %s, urgent %s → %s', (important, urgent, quadrant) => {
    expect(quadrantOf(important, urgent)).toBe(quadrant);
  });

  it.each(quadrants)('flagsOf(%s) round-trips', (q) => {
    const f = flagsOf(q);
    expect(quadrantOf(f.important, f.urgent)).toBe(q);
  });
});

describe('placeDerived (follow-ups and care dates)', () => {
  const today = '2026-12-07';
  it.each([
    ['overdue by a day', '2026-12-06', 'A', true, true],
    ['long overdue', '2026-10-01', 'A', true, true],
    ['due today', '2026-12-07', 'A', true, false],
    ['due in 3 days (last urgent day)', '2026-12-10', 'A', true, false],
    ['due in 4 days', '2026-12-11', 'B', false, false],
    ['next month', '2027-01-07', 'B', false, false],
  ] as const)('%s → %s', (_label, due, quadrant, urgent, overdue) => {
    expect(placeDerived(due, today)).toEqual({ quadrant, important: true, urgent, overdue });
  });

  it('uses a custom window', () => {
    expect(placeDerived('2026-12-14', today, 7).quadrant).toBe('A');
    expect(placeDerived('2026-12-15', today, 7).quadrant).toBe('B');
  });

  it('documents the window', () => {
    expect(urgentWithinDays).toBe(3);
  });
});

describe('daysUntil', () => {
  it.each([
    ['2026-12-07', '2026-12-07', 0],
    ['2026-12-07', '2026-12-10', 3],
    ['2026-12-07', '2026-12-01', -6],
    ['2026-12-31', '2027-01-01', 1],
  ] as const)('%s → %s = %i', (today, date, days) => {
    expect(daysUntil(today, date)).toBe(days);
  });
});

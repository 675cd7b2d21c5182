import { describe, expect, it } from 'vitest';
import {
  defaultPlannedCallMinutes,
  emptyActivityMinutes,
  plannedCallMinutes,
  weekCallMinutes,
  weekReviewFigures,
} from './weekly-review.ts';

describe('plannedCallMinutes', () => {
  it.each([
    ['09:00', '09:30', 30],
    ['14:00', '15:15', 75],
    ['9:05', '9:45', 40],
    [null, '10:00', defaultPlannedCallMinutes],
    ['10:00', null, defaultPlannedCallMinutes],
    ['10:00', '09:00', defaultPlannedCallMinutes],
    ['10:00', '10:00', defaultPlannedCallMinutes],
    ['morning', '10:00', defaultPlannedCallMinutes],
  ] as const)('%s–%s → %i', (start, end, minutes) => {
    expect(plannedCallMinutes(start, end)).toBe(minutes);
  });
});

describe('weekCallMinutes', () => {
  const week = (
    loggedPlanned: number,
    fromPlannedCalls: number,
    loggedActual: number,
    fromCalls: number,
  ) => ({
    loggedPlanned,
    fromPlannedCalls,
    loggedActual,
    fromCalls,
  });
  it.each([
    ['plan from planned calls when nothing logged', week(0, 120, 0, 90), 120, 90],
    ['a logged plan wins over planned calls', week(60, 120, 0, 0), 60, 0],
    ['actual adds logged time and calls', week(0, 0, 30, 45), 0, 75],
    ['empty week', week(0, 0, 0, 0), 0, 0],
  ] as const)('%s', (_label, sources, planned, actual) => {
    expect(weekCallMinutes(sources)).toEqual({ planned, actual });
  });
});

describe('weekReviewFigures', () => {
  it('computes gaps, shares and the biggest gaps', () => {
    const m = emptyActivityMinutes();
    m.calls = { planned: 600, actual: 450 };
    m.travel = { planned: 200, actual: 300 };
    m.admin = { planned: 100, actual: 150 };
    m.meetings = { planned: 100, actual: 100 };
    const f = weekReviewFigures(m);
    expect(f.plannedTotal).toBe(1000);
    expect(f.actualTotal).toBe(1000);
    expect(f.activities.find((a) => a.activity === 'calls')).toEqual({
      activity: 'calls',
      plannedMinutes: 600,
      actualMinutes: 450,
      gapMinutes: -150,
      plannedSharePct: 60,
      actualSharePct: 45,
    });
    // calls (−150) and travel (+100) before admin (+50); meetings (0) never listed
    expect(f.biggestGaps).toEqual(['calls', 'travel', 'admin']);
  });

  it.each([
    ['ties in activity order', { travel: 50, admin: -50, other: 50 }, 2, ['travel', 'admin']],
    ['no gap at all', {}, 3, []],
  ] as const)('%s', (_label, gaps, shown, expected) => {
    const m = emptyActivityMinutes();
    for (const [a, g] of Object.entries(gaps)) m[a as keyof typeof m] = { planned: 100, actual: 100 + g };
    expect(weekReviewFigures(m, shown).biggestGaps).toEqual(expected);
  });

  it('has no shares for an empty week', () => {
    const f = weekReviewFigures(emptyActivityMinutes());
    expect(f.activities.every((a) => a.plannedSharePct === null && a.actualSharePct === null)).toBe(true);
  });
});

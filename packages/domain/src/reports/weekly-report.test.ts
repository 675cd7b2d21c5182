import { describe, expect, it } from 'vitest';
import { rollUpWeek, planDoneRate, type WeekDayInput } from './weekly-report.ts';

const day = (
  date: string,
  planned: number,
  done: number,
  reasons: WeekDayInput['deviations'] = [],
  status: WeekDayInput['status'] = 'submitted',
): WeekDayInput => ({
  date,
  status,
  planned,
  plannedDone: done,
  calls: done + 1,
  callMinutes: (done + 1) * 20,
  careActions: 1,
  followUpsDone: 0,
  deviations: reasons,
  highlights: done > 0 ? `${date} 进展` : null,
});

describe('planDoneRate', () => {
  it.each([
    [0, 0, null],
    [3, 4, 75],
    [2, 3, 67],
    [5, 5, 100],
  ])('%i of %i → %s', (part, whole, rate) => expect(planDoneRate(part, whole)).toBe(rate));
});

describe('rollUpWeek', () => {
  it.each([
    ['an empty week', [], { planned: 0, plannedDone: 0, doneRate: null, submittedDays: 0 }],
    [
      'one day',
      [day('2026-11-30', 4, 3, [{ reason: 'surgery' }])],
      { planned: 4, plannedDone: 3, doneRate: 75, deviations: 1 },
    ],
    [
      'rates from sums, not averaged',
      [
        day('2026-11-30', 1, 1),
        day('2026-12-01', 3, 0, [{ reason: 'meeting' }, { reason: null }, { reason: 'moved' }]),
      ],
      { planned: 4, plannedDone: 1, doneRate: 25, deviations: 3, calls: 3 },
    ],
    [
      'missing days counted',
      [day('2026-11-30', 2, 2), day('2026-12-01', 2, 0, [], 'missing'), day('2026-12-02', 1, 1, [], 'draft')],
      { submittedDays: 1, missingDays: 1 },
    ],
  ] as const)('%s', (_label, days, totals) => {
    expect(rollUpWeek(days).totals).toMatchObject(totals);
  });

  it('sorts days, counts deviations by reason and keeps highlights', () => {
    const week = rollUpWeek([
      day('2026-12-01', 3, 1, [{ reason: 'other' }, { reason: null }]),
      day('2026-11-30', 2, 1, [{ reason: 'doctorAbsent' }]),
    ]);
    expect(week.days.map((d) => [d.date, d.doneRate, d.deviations])).toEqual([
      ['2026-11-30', 50, 1],
      ['2026-12-01', 33, 2],
    ]);
    expect(week.deviationsByReason).toEqual({
      doctorAbsent: 1,
      surgery: 0,
      meeting: 0,
      moved: 0,
      other: 1,
      unexplained: 1,
    });
    expect(week.highlights.map((h) => h.date)).toEqual(['2026-11-30', '2026-12-01']);
  });
});

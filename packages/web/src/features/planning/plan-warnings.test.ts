import { describe, expect, it } from 'vitest';
import type { PlanWarning } from '@keqing/shared';
import { moveWarnings } from './plan-warnings.ts';

const moved = '7a1c1f7e-0000-4000-8000-000000000001';
const other = '7a1c1f7e-0000-4000-8000-000000000002';
const w = (code: PlanWarning['code'], extra: Partial<PlanWarning> = {}): PlanWarning => ({
  code,
  message: code,
  ...extra,
});

describe('moveWarnings', () => {
  it.each<[string, PlanWarning, boolean]>([
    [
      'the moved call has few objectives',
      w('fewObjectives', { plannedCallId: moved, date: '2026-11-24' }),
      false,
    ],
    [
      'the moved call is outside the clinic half-days',
      w('outsideAvailability', { plannedCallId: moved }),
      true,
    ],
    ['the moved call is on a non-working day', w('nonWorkingDay', { plannedCallId: moved }), true],
    ['the day it left is below the minimum', w('belowMinCalls', { date: '2026-11-23' }), true],
    ['the day it joined is above the maximum', w('aboveMaxCalls', { date: '2026-11-24' }), true],
    ['holiday data is missing', w('holidayDataMissing'), true],
    ["another call's availability", w('outsideAvailability', { plannedCallId: other }), false],
    ["another call's objectives", w('fewObjectives', { plannedCallId: other }), false],
  ])('%s → shown: %s', (_case, warning, shown) => {
    expect(moveWarnings([warning], moved)).toEqual(shown ? [warning] : []);
  });

  it('keeps the order of the answer', () => {
    const answer = [
      w('fewObjectives', { plannedCallId: moved }),
      w('outsideAvailability', { plannedCallId: moved }),
      w('belowMinCalls', { date: '2026-11-23' }),
      w('aboveMaxCalls', { date: '2026-11-24' }),
    ];
    expect(moveWarnings(answer, moved).map((x) => x.code)).toEqual([
      'outsideAvailability',
      'belowMinCalls',
      'aboveMaxCalls',
    ]);
  });
});

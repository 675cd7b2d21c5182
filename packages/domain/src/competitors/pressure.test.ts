import { describe, expect, it } from 'vitest';
import {
  activityWeight,
  latestJudgements,
  monthPressure,
  monthsUpTo,
  pressureTrend,
  threatLevel,
  type ActivityObservation,
  type UsageObservation,
} from './pressure.ts';

describe('activityWeight', () => {
  it.each([
    ['researchFund', null, 8],
    ['sponsorship', null, 8],
    ['meeting', null, 6],
    ['visit', 'director', 5],
    ['visit', 'manager', 4],
    ['visit', 'rep', 3],
    ['visit', 'unknown', 3],
    ['visit', null, 3],
    ['priceMove', null, 2],
    ['other', null, 1],
  ] as const)('%s by %s weighs %i', (kind, byWhom, weight) => {
    expect(activityWeight(kind, byWhom)).toBe(weight);
  });
});

const u = (doctorId: string | null, productId: string, judgement: number, observedOn: string) => ({
  doctorId,
  competitorProductId: productId,
  judgement,
  observedOn,
});

describe('latestJudgements', () => {
  it.each([
    [
      'a later judgement replaces an earlier one',
      [u('d1', 'c1', 2, '2026-10-01'), u('d1', 'c1', 5, '2026-11-01')],
      [5],
    ],
    [
      'one per doctor × product',
      [u('d1', 'c1', 2, '2026-10-01'), u('d1', 'c2', 3, '2026-10-01'), u('d2', 'c1', 4, '2026-10-01')],
      [2, 3, 4],
    ],
    [
      'a hospital-level judgement is its own key',
      [u(null, 'c1', 3, '2026-10-01'), u('d1', 'c1', 1, '2026-10-02')],
      [3, 1],
    ],
    ['older than the window drops out', [u('d1', 'c1', 5, '2026-05-01')], []],
    ['after asOf is not known yet', [u('d1', 'c1', 5, '2026-12-01')], []],
  ])('%s', (_label, usages: UsageObservation[], judgements) => {
    expect(latestJudgements(usages, '2026-11-30').map((x) => x.judgement)).toEqual(judgements);
  });
});

const a = (
  kind: ActivityObservation['kind'],
  observedOn: string,
  byWhom?: ActivityObservation['byWhom'],
) => ({
  kind,
  observedOn,
  byWhom,
});

describe('monthPressure', () => {
  it.each([
    ['nothing observed', [], [], undefined, { score: 0, usagePart: 0, activityPart: 0, activityCount: 0 }],
    ['one doctor 主要使用', [u('d1', 'c1', 5, '2026-11-03')], [], undefined, { score: 20, usagePart: 20 }],
    [
      'usage capped at 60',
      [
        u('d1', 'c1', 5, '2026-10-01'),
        u('d2', 'c1', 5, '2026-10-01'),
        u('d3', 'c1', 5, '2026-10-01'),
        u('d4', 'c1', 5, '2026-10-01'),
      ],
      [],
      undefined,
      { usagePart: 60 },
    ],
    [
      'a research fund and a director visit',
      [],
      [a('researchFund', '2026-11-10'), a('visit', '2026-11-20', 'director')],
      undefined,
      { activityPart: 39, activityCount: 2 },
    ],
    [
      'activities capped at 40',
      [],
      [a('researchFund', '2026-11-10'), a('sponsorship', '2026-11-11')],
      undefined,
      { activityPart: 40 },
    ],
    [
      'other months’ activities do not count',
      [],
      [a('meeting', '2026-10-31'), a('meeting', '2026-12-01')],
      undefined,
      { activityPart: 0 },
    ],
    [
      'asOf cuts the running month',
      [u('d1', 'c1', 3, '2026-11-20')],
      [a('meeting', '2026-11-20')],
      '2026-11-15',
      { score: 0 },
    ],
  ])('%s', (_label, usages: UsageObservation[], activities: ActivityObservation[], asOf, expected) => {
    expect(monthPressure('2026-11', usages, activities, asOf)).toMatchObject(expected);
  });
});

describe('pressureTrend', () => {
  it.each([
    [[], 'steady'],
    [[40], 'steady'],
    [[10, 20, 30], 'rising'],
    [[20, 20, 29], 'steady'],
    [[50, 50, 40], 'falling'],
    [[0, 10], 'rising'],
    [[60, 0, 0, 0], 'steady'],
  ] as const)('%j is %s', (scores, trend) => {
    expect(pressureTrend(scores)).toBe(trend);
  });
});

describe('threatLevel', () => {
  it.each([
    [0, 'steady', 'none'],
    [10, 'steady', 'low'],
    [10, 'rising', 'medium'],
    [30, 'falling', 'medium'],
    [45, 'steady', 'medium'],
    [45, 'rising', 'high'],
    [60, 'falling', 'high'],
  ] as const)('score %i %s is %s', (score, trend, level) => {
    expect(threatLevel(score, trend)).toBe(level);
  });
});

describe('monthsUpTo', () => {
  it.each([
    ['2026-03', 3, ['2026-01', '2026-02', '2026-03']],
    ['2026-02', 3, ['2025-12', '2026-01', '2026-02']],
    ['2026-12', 1, ['2026-12']],
  ] as const)('%s × %i', (month, count, months) => {
    expect(monthsUpTo(month, count)).toEqual(months);
  });
});

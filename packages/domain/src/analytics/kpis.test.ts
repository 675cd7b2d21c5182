import { describe, expect, it } from 'vitest';
import { kpiFiguresOf, perUnit, ratioPct, sumKpiCounts, type GradeCounts, type KpiCounts } from './kpis.ts';

const grade = (g: string, over: Partial<GradeCounts> = {}): GradeCounts => ({
  grade: g,
  targetDoctors: 0,
  coveredDoctors: 0,
  requiredCalls: 0,
  doneCalls: 0,
  belowFrequencyDoctors: 0,
  ...over,
});
const counts = (over: Partial<KpiCounts> = {}): KpiCounts => ({
  reps: 1,
  workingDays: 20,
  calls: 0,
  callsWithMinObjectives: 0,
  shortCalls: 0,
  burstCalls: 0,
  byGrade: [],
  ladderUp: 0,
  ladderDown: 0,
  stageUp: 0,
  stageDown: 0,
  quota: 0,
  actual: 0,
  coVisits: 0,
  overdueFollowUps: 0,
  channelWarnings: 0,
  ...over,
});

describe('ratioPct', () => {
  it.each([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [5, 4, 125],
    [0, 4, 0],
    [3, 0, null], // quota 0: no attainment, not infinity
    [0, 0, null],
    [1, -1, null],
  ])('%i / %i → %s', (n, d, expected) => expect(ratioPct(n, d)).toBe(expected));
});

describe('perUnit', () => {
  it.each([
    [230, 20, 11.5],
    [10, 3, 3.3],
    [5, 0, null],
  ])('%i per %i → %s', (n, d, expected) => expect(perUnit(n, d)).toBe(expected));
});

describe('kpiFiguresOf', () => {
  it('computes every percentage from the counts', () => {
    const f = kpiFiguresOf(
      counts({
        calls: 230,
        callsWithMinObjectives: 115,
        quota: 400,
        actual: 300,
        byGrade: [
          grade('A', { targetDoctors: 10, coveredDoctors: 8, requiredCalls: 40, doneCalls: 30 }),
          grade('B', { targetDoctors: 10, coveredDoctors: 10, requiredCalls: 20, doneCalls: 20 }),
        ],
      }),
    );
    expect(f).toMatchObject({
      callsPerWorkingDay: 11.5,
      objectiveSharePct: 50,
      targetDoctors: 20,
      coveredDoctors: 18,
      coveragePct: 90,
      requiredCalls: 60,
      doneCalls: 50,
      frequencyPct: 83.3,
      attainmentPct: 75,
    });
    expect(f.byGrade.map((g) => [g.grade, g.coveragePct, g.frequencyPct])).toEqual([
      ['A', 80, 75],
      ['B', 100, 100],
    ]);
  });

  it.each([
    ['a quota of 0', { quota: 0, actual: 50 }, 'attainmentPct', null],
    ['no calls', { calls: 0 }, 'objectiveSharePct', null],
    ['no working days yet', { workingDays: 0, calls: 3 }, 'callsPerWorkingDay', null],
    ['no target doctors', { calls: 5 }, 'coveragePct', null],
    ['an actual with a quota', { quota: 200, actual: 50 }, 'attainmentPct', 25],
  ] as const)('%s → %s is %s', (_name, over, key, expected) => {
    expect(kpiFiguresOf(counts(over))[key]).toBe(expected);
  });
});

describe('sumKpiCounts', () => {
  it('sums counts and merges grades in grade order, never averaging percentages', () => {
    const a = counts({
      calls: 100,
      quota: 100,
      actual: 100,
      byGrade: [
        grade('B', { targetDoctors: 1, coveredDoctors: 1 }),
        grade('A', { targetDoctors: 9, coveredDoctors: 0 }),
      ],
    });
    const b = counts({
      calls: 300,
      quota: 300,
      actual: 0,
      byGrade: [grade('A', { targetDoctors: 1, coveredDoctors: 1 }), grade('X', { targetDoctors: 2 })],
    });
    const total = sumKpiCounts([a, b], 20, ['A', 'B', 'C']);
    expect(total).toMatchObject({ reps: 2, workingDays: 20, calls: 400, quota: 400, actual: 100 });
    expect(total.byGrade.map((g) => [g.grade, g.targetDoctors, g.coveredDoctors])).toEqual([
      ['A', 10, 1],
      ['B', 1, 1],
      ['X', 2, 0], // unknown grades last
    ]);
    const f = kpiFiguresOf(total);
    expect(f.callsPerWorkingDay).toBe(10); // 400 / (20 days × 2 reps)
    expect(f.attainmentPct).toBe(25); // Σ actual / Σ quota, not (100 % + 0 %) / 2
    expect(f.byGrade[0]!.coveragePct).toBe(10); // 1 / 10, not (0 % + 100 %) / 2
  });

  it('gives zeros for no rows', () => {
    expect(kpiFiguresOf(sumKpiCounts([], 5))).toMatchObject({ reps: 0, calls: 0, coveragePct: null });
  });
});

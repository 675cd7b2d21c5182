/**
 * KPI arithmetic shared by every dashboard. Rows carry numerators and denominators; percentages are computed
 * from sums, so a team's coverage is Σ covered / Σ targets, never the mean of its reps' percentages.
 */

/** n / d as a percentage with one decimal; null when there is nothing to divide by (quota 0, no targets). */
export function ratioPct(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

/** n per d with one decimal (calls per working day); null without a denominator. */
export function perUnit(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10) / 10;
}

/** Coverage and frequency counts of one grade. */
export type GradeCounts = {
  grade: string;
  targetDoctors: number;
  coveredDoctors: number;
  requiredCalls: number;
  doneCalls: number;
  belowFrequencyDoctors: number;
};

/** The counts behind one rep's (or a unit's) KPIs in a period. */
export type KpiCounts = {
  reps: number;
  workingDays: number;
  calls: number;
  callsWithMinObjectives: number;
  shortCalls: number;
  burstCalls: number;
  byGrade: GradeCounts[];
  ladderUp: number;
  ladderDown: number;
  stageUp: number;
  stageDown: number;
  quota: number;
  actual: number;
  coVisits: number;
  overdueFollowUps: number;
  channelWarnings: number;
};

export type GradeKpi = GradeCounts & { coveragePct: number | null; frequencyPct: number | null };
export type KpiFigures = Omit<KpiCounts, 'byGrade'> & {
  byGrade: GradeKpi[];
  callsPerWorkingDay: number | null;
  objectiveSharePct: number | null;
  targetDoctors: number;
  coveredDoctors: number;
  coveragePct: number | null;
  requiredCalls: number;
  doneCalls: number;
  frequencyPct: number | null;
  attainmentPct: number | null;
};

const gradeKpi = (g: GradeCounts): GradeKpi => ({
  ...g,
  coveragePct: ratioPct(g.coveredDoctors, g.targetDoctors),
  frequencyPct: ratioPct(g.doneCalls, g.requiredCalls),
});

/** The percentages of one set of counts; grades keep the order given (best first). */
export function kpiFiguresOf(c: KpiCounts): KpiFigures {
  const sum = (f: (g: GradeCounts) => number) => c.byGrade.reduce((n, g) => n + f(g), 0);
  const targetDoctors = sum((g) => g.targetDoctors);
  const coveredDoctors = sum((g) => g.coveredDoctors);
  const requiredCalls = sum((g) => g.requiredCalls);
  const doneCalls = sum((g) => g.doneCalls);
  return {
    ...c,
    byGrade: c.byGrade.map(gradeKpi),
    // a rep works the period's working days; a team of 5 has 5 × as many rep-days
    callsPerWorkingDay: perUnit(c.calls, c.workingDays * Math.max(c.reps, 1)),
    objectiveSharePct: ratioPct(c.callsWithMinObjectives, c.calls),
    targetDoctors,
    coveredDoctors,
    coveragePct: ratioPct(coveredDoctors, targetDoctors),
    requiredCalls,
    doneCalls,
    frequencyPct: ratioPct(doneCalls, requiredCalls),
    attainmentPct: ratioPct(c.actual, c.quota),
  };
}

/**
 * Rolls reps up into a team, area or region: counts summed, grades merged by name (in `gradeOrder`, unknown
 * grades last), working days kept (the same period for all), percentages recomputed from the sums.
 */
export function sumKpiCounts(rows: KpiCounts[], workingDays: number, gradeOrder: string[] = []): KpiCounts {
  const grades = new Map<string, GradeCounts>();
  const total: KpiCounts = {
    reps: 0,
    workingDays,
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
  };
  const summed = [
    'reps',
    'calls',
    'callsWithMinObjectives',
    'shortCalls',
    'burstCalls',
    'ladderUp',
    'ladderDown',
    'stageUp',
    'stageDown',
    'quota',
    'actual',
    'coVisits',
    'overdueFollowUps',
    'channelWarnings',
  ] as const;
  for (const row of rows) {
    for (const key of summed) total[key] += row[key];
    for (const g of row.byGrade) {
      const t = grades.get(g.grade) ?? {
        grade: g.grade,
        targetDoctors: 0,
        coveredDoctors: 0,
        requiredCalls: 0,
        doneCalls: 0,
        belowFrequencyDoctors: 0,
      };
      t.targetDoctors += g.targetDoctors;
      t.coveredDoctors += g.coveredDoctors;
      t.requiredCalls += g.requiredCalls;
      t.doneCalls += g.doneCalls;
      t.belowFrequencyDoctors += g.belowFrequencyDoctors;
      grades.set(g.grade, t);
    }
  }
  const rank = (g: string) => (gradeOrder.includes(g) ? gradeOrder.indexOf(g) : gradeOrder.length);
  total.byGrade = [...grades.values()].sort(
    (a, b) => rank(a.grade) - rank(b.grade) || (a.grade < b.grade ? -1 : 1),
  );
  return total;
}

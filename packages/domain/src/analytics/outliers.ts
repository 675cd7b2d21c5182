/**
 * 异常提示 on a rep's figures: what a manager should look at, never a verdict. Each rule reads the figures of a
 * period against the planning norms (10–15 calls a day, ≥ 3 objectives) and the thresholds below.
 */
import type { KpiFigures } from './kpis.ts';

/** A call starting within this many minutes of the rep's previous call continues a burst … */
export const burstGapMinutes = 5;
/** … and a chain of this many calls is a burst: nobody visits three doctors face to face in ten minutes. */
export const burstMinCalls = 3;
/** A call of this many seconds or less is a short call (a record, not a visit). */
export const shortCallSeconds = 60;
/** Flag when more than this share (%) of the calls are short. */
export const maxShortCallSharePct = 20;
/** Flag when less than this share (%) of the calls have the minimum objectives. */
export const minObjectiveSharePct = 50;

export const outlierRuleKinds = [
  'lowCallRate',
  'highCallRate',
  'bursts',
  'shortCalls',
  'fewObjectives',
] as const;
export type OutlierRuleKind = (typeof outlierRuleKinds)[number];

export type Outlier = {
  kind: OutlierRuleKind;
  /** Message key in @keqing/shared messages/analytics.ts */
  messageKey: string;
  params: Record<string, string | number>;
};

export type OutlierNorms = { minCallsPerDay: number; maxCallsPerDay: number; minObjectives: number };

/**
 * The calls in bursts among start times (ms, any order): sorted, a call within `burstGapMinutes` of the one
 * before joins its chain, and every call of a chain of at least `burstMinCalls` counts. The SQL of
 * findRepKpiCounts and of the call day summaries does the same with a window function, one rep-day at a time
 * (give this the start times of one day for the same answer).
 */
export function burstCallCount(startTimes: number[]): number {
  const sorted = [...startTimes].sort((a, b) => a - b);
  let total = 0;
  let chain = 0;
  for (let i = 0; i < sorted.length; i++) {
    chain = i > 0 && sorted[i]! - sorted[i - 1]! <= burstGapMinutes * 60_000 ? chain + 1 : 1;
    const chainEnds = i === sorted.length - 1 || sorted[i + 1]! - sorted[i]! > burstGapMinutes * 60_000;
    if (chainEnds && chain >= burstMinCalls) total += chain;
  }
  return total;
}

type OutlierInput = Pick<
  KpiFigures,
  'calls' | 'callsPerWorkingDay' | 'burstCalls' | 'shortCalls' | 'callsWithMinObjectives' | 'workingDays'
>;

const share = (n: number, d: number) => Math.round((n / d) * 1000) / 10;

/** The outliers of one rep's figures (a rep with no working days yet has none of the rate rules). */
export function outliersOf(f: OutlierInput, norms: OutlierNorms): Outlier[] {
  const out: Outlier[] = [];
  const rate = f.callsPerWorkingDay;
  if (f.workingDays > 0 && rate !== null && rate < norms.minCallsPerDay)
    out.push({
      kind: 'lowCallRate',
      messageKey: 'analytics.outlier.lowCallRate',
      params: { rate, min: norms.minCallsPerDay },
    });
  if (f.workingDays > 0 && rate !== null && rate > norms.maxCallsPerDay)
    out.push({
      kind: 'highCallRate',
      messageKey: 'analytics.outlier.highCallRate',
      params: { rate, max: norms.maxCallsPerDay },
    });
  if (f.burstCalls > 0)
    out.push({
      kind: 'bursts',
      messageKey: 'analytics.outlier.bursts',
      params: { count: f.burstCalls, minutes: burstGapMinutes },
    });
  if (f.calls > 0 && share(f.shortCalls, f.calls) > maxShortCallSharePct)
    out.push({
      kind: 'shortCalls',
      messageKey: 'analytics.outlier.shortCalls',
      params: { count: f.shortCalls, pct: share(f.shortCalls, f.calls), max: maxShortCallSharePct },
    });
  if (f.calls > 0 && share(f.callsWithMinObjectives, f.calls) < minObjectiveSharePct)
    out.push({
      kind: 'fewObjectives',
      messageKey: 'analytics.outlier.fewObjectives',
      params: {
        pct: share(f.callsWithMinObjectives, f.calls),
        min: norms.minObjectives,
        threshold: minObjectiveSharePct,
      },
    });
  return out;
}

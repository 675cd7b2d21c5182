/**
 * 竞品压力 competitor pressure (seed 004 竞争分析, seed 001 争夺客户): how hard the competition presses on a
 * hospital (or on one of our products there), month by month, from the reps' usage judgements (1–5, never
 * prescription counts) and the competitor activities they observed.
 *
 *   score (0–100) = usage part (0–60) + activity part (0–40)
 *   usage part    = 4 × Σ latest judgement per doctor × competitor product observed in the window (180 days up
 *                   to the month's end), capped at 60 — breadth and depth both count (3 doctors "主要使用" = 60)
 *   activity part = 3 × Σ activity weights observed in the month, capped at 40
 */
import { addDays } from '../time/china-date.ts';
import { monthRange } from '../targets/forecast.ts';

/** 竞品使用程度: the rep's judgement of how much a competitor product is used. */
export const usageJudgements = [1, 2, 3, 4, 5] as const;
export type UsageJudgement = (typeof usageJudgements)[number];
export const usageJudgementLabels: Record<UsageJudgement, string> = {
  1: '偶尔',
  2: '少量',
  3: '经常',
  4: '大量',
  5: '主要使用',
};

/** 竞品活动: visits (and by whom), 学术会议, 科研经费, 赞助, 价格调整 … */
export const competitorActivityKinds = [
  'visit',
  'meeting',
  'researchFund',
  'sponsorship',
  'priceMove',
  'other',
] as const;
export type CompetitorActivityKind = (typeof competitorActivityKinds)[number];
/** Who visited: 代表 rep, 经理 manager, 总监 director. */
export const competitorVisitors = ['rep', 'manager', 'director', 'unknown'] as const;
export type CompetitorVisitor = (typeof competitorVisitors)[number];

/**
 * How much an activity weighs (seed 001: the cross-dimension moves — research funds, sponsorship, meetings and the
 * level of the visitor — bind a customer more than a rep's routine visit; a price move alone least):
 * research fund = sponsorship 8 > meeting 6 > director visit 5 > manager visit 4 > rep (or unknown) visit 3 >
 * price move 2 > other 1.
 */
export function activityWeight(kind: CompetitorActivityKind, byWhom?: CompetitorVisitor | null): number {
  switch (kind) {
    case 'researchFund':
    case 'sponsorship':
      return 8;
    case 'meeting':
      return 6;
    case 'visit':
      return byWhom === 'director' ? 5 : byWhom === 'manager' ? 4 : 3;
    case 'priceMove':
      return 2;
    case 'other':
      return 1;
  }
}

export const usageWindowDays = 180;
export const usagePartCap = 60;
export const activityPartCap = 40;
const usagePoints = 4;
const activityPoints = 3;

export type UsageObservation = {
  /** null: a judgement for the hospital as a whole */
  doctorId: string | null;
  competitorProductId: string;
  judgement: number;
  observedOn: string;
};
export type ActivityObservation = {
  kind: CompetitorActivityKind;
  byWhom?: CompetitorVisitor | null;
  observedOn: string;
};

/**
 * The latest judgement per doctor × competitor product observed in (asOf − windowDays, asOf]; a later
 * judgement replaces an earlier one (a doctor who switched back counts as they are now).
 */
export function latestJudgements<T extends UsageObservation>(
  usages: readonly T[],
  asOf: string,
  windowDays = usageWindowDays,
): T[] {
  const from = addDays(asOf, -windowDays);
  const latest = new Map<string, T>();
  for (const u of usages) {
    if (u.observedOn > asOf || u.observedOn <= from) continue;
    const key = `${u.doctorId ?? 'hospital'}|${u.competitorProductId}`;
    const kept = latest.get(key);
    if (!kept || u.observedOn >= kept.observedOn) latest.set(key, u);
  }
  return [...latest.values()];
}

export type MonthlyPressure = {
  month: string;
  score: number;
  usagePart: number;
  activityPart: number;
  activityCount: number;
};

/** The pressure of one month; `asOf` (default the month's last day) cuts a month still running at today. */
export function monthPressure(
  month: string,
  usages: readonly UsageObservation[],
  activities: readonly ActivityObservation[],
  asOf?: string,
): MonthlyPressure {
  const { from, to } = monthRange(month);
  const end = asOf && asOf < to ? asOf : to;
  const judgementSum = latestJudgements(usages, end).reduce((sum, u) => sum + u.judgement, 0);
  const inMonth = activities.filter((a) => a.observedOn >= from && a.observedOn <= end);
  const weightSum = inMonth.reduce((sum, a) => sum + activityWeight(a.kind, a.byWhom), 0);
  const usagePart = Math.min(usagePartCap, usagePoints * judgementSum);
  const activityPart = Math.min(activityPartCap, activityPoints * weightSum);
  return { month, score: usagePart + activityPart, usagePart, activityPart, activityCount: inMonth.length };
}

/** The monthly series over `months` (ascending 'YYYY-MM'). */
export function pressureSeries(
  months: readonly string[],
  usages: readonly UsageObservation[],
  activities: readonly ActivityObservation[],
  asOf?: string,
): MonthlyPressure[] {
  return months.map((m) => monthPressure(m, usages, activities, asOf));
}

export const pressureTrends = ['rising', 'falling', 'steady'] as const;
export type PressureTrend = (typeof pressureTrends)[number];
/** A change of at least this many points against the two months before counts as a trend. */
export const trendThreshold = 10;

/** The latest month against the mean of the (up to) two months before it. */
export function pressureTrend(scores: readonly number[]): PressureTrend {
  if (scores.length < 2) return 'steady';
  const last = scores[scores.length - 1]!;
  const before = scores.slice(-3, -1);
  const mean = before.reduce((a, b) => a + b, 0) / before.length;
  if (last - mean >= trendThreshold) return 'rising';
  if (mean - last >= trendThreshold) return 'falling';
  return 'steady';
}

export const threatLevels = ['none', 'low', 'medium', 'high'] as const;
export type ThreatLevel = (typeof threatLevels)[number];

/** 威胁程度 for the pre-call brief: high at 60+, or 40+ and rising; medium at 30+ (or rising); low above 0. */
export function threatLevel(score: number, trend: PressureTrend): ThreatLevel {
  if (score >= 60 || (score >= 40 && trend === 'rising')) return 'high';
  if (score >= 30 || (score > 0 && trend === 'rising')) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

/** The last `count` months up to and including `month`, ascending. */
export function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

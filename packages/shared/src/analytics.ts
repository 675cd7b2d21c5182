/**
 * Dashboards 报表 contract: the period every dashboard counts over, and one rep's KPIs with the numerators and
 * denominators behind each percentage, so a team, an area or a region rolls up by summing rows (never by
 * averaging percentages).
 */
import { z } from 'zod';
import { periodKinds } from '@keqing/domain';
import { isoDate } from './common.ts';

/** `?period=cycle|month|quarter|custom&date=&from=&to=&productId=` — date: any day in the period (default today). */
export const dashboardQuerySchema = z.object({
  period: z.enum(periodKinds).default('cycle'),
  date: isoDate.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  productId: z.uuid().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const periodSchema = z.object({
  kind: z.enum(periodKinds),
  from: isoDate,
  to: isoDate,
  label: z.string(),
  /** Working days in the period up to today (holidays out, 调休 days in) */
  workingDays: z.number().int(),
});
export type DashboardPeriod = z.infer<typeof periodSchema>;

const pct = z.number().nullable();

/** Coverage and frequency of a rep's target doctors of one grade (doctors with visits required > 0). */
export const gradeKpiSchema = z.object({
  grade: z.string(),
  /** Target doctors of this grade in the rep's territories */
  targetDoctors: z.number().int(),
  /** Of those, seen at least once in the period (a doctor seen twice on a day counts once) */
  coveredDoctors: z.number().int(),
  /** coveredDoctors / targetDoctors, % one decimal; null when there are no target doctors */
  coveragePct: pct,
  /** Calls the frequency rule requires in the period */
  requiredCalls: z.number().int(),
  /** Σ min(done, required) per doctor */
  doneCalls: z.number().int(),
  /** doneCalls / requiredCalls, %; null when nothing is required */
  frequencyPct: pct,
  /** Target doctors with done < required */
  belowFrequencyDoctors: z.number().int(),
});
export type GradeKpi = z.infer<typeof gradeKpiSchema>;

export const outlierKinds = ['lowCallRate', 'highCallRate', 'bursts', 'shortCalls', 'fewObjectives'] as const;
export type OutlierKind = (typeof outlierKinds)[number];

/** The figures of one rep (or, summed, of a team/area/region) in a period. */
export const kpiFiguresSchema = z.object({
  reps: z.number().int(),
  workingDays: z.number().int(),
  /** Submitted calls of the counted types in the period */
  calls: z.number().int(),
  /** calls / (workingDays × reps), one decimal; null with no working days */
  callsPerWorkingDay: pct,
  /** Calls with at least the minimum objectives (settings, 3) */
  callsWithMinObjectives: z.number().int(),
  objectiveSharePct: pct,
  /** Calls of one minute or less */
  shortCalls: z.number().int(),
  /** Calls logged in implausible bursts (several calls whose start times are minutes apart) */
  burstCalls: z.number().int(),
  byGrade: z.array(gradeKpiSchema),
  targetDoctors: z.number().int(),
  coveredDoctors: z.number().int(),
  coveragePct: pct,
  requiredCalls: z.number().int(),
  doneCalls: z.number().int(),
  frequencyPct: pct,
  /** Ladder (adoption steps) and relationship-stage moves in the period */
  ladderUp: z.number().int(),
  ladderDown: z.number().int(),
  stageUp: z.number().int(),
  stageDown: z.number().int(),
  /** Quota and actual units in the months of the period (product filter applies) */
  quota: z.number().int(),
  actual: z.number().int(),
  /** actual / quota, %; null when the quota is 0 */
  attainmentPct: pct,
  coVisits: z.number().int(),
  /** Open follow-ups past their due date today */
  overdueFollowUps: z.number().int(),
  /** Open channel warnings assigned to the rep(s) */
  channelWarnings: z.number().int(),
});
export type KpiFigures = z.infer<typeof kpiFiguresSchema>;

export const repKpiSchema = kpiFiguresSchema.extend({
  repId: z.uuid(),
  repName: z.string(),
  repUsername: z.string(),
  teamId: z.uuid().nullable(),
  outliers: z.array(z.object({ kind: z.enum(outlierKinds), message: z.string() })),
});
export type RepKpi = z.infer<typeof repKpiSchema>;

/** `GET /api/dashboards/team?teamId=` — a manager's own teams by default; admin/compliance name a team. */
export const teamDashboardQuerySchema = dashboardQuerySchema.extend({ teamId: z.uuid().optional() });
export type TeamDashboardQuery = z.infer<typeof teamDashboardQuerySchema>;

export const trendPointSchema = z.object({
  from: isoDate,
  to: isoDate,
  label: z.string(),
  callsPerWorkingDay: pct,
  coveragePct: pct,
  frequencyPct: pct,
  objectiveSharePct: pct,
  attainmentPct: pct,
});

export const productAttainmentSchema = z.object({
  productId: z.uuid(),
  productName: z.string(),
  quota: z.number().int(),
  actual: z.number().int(),
  attainmentPct: pct,
});
export type ProductAttainment = z.infer<typeof productAttainmentSchema>;

export const teamDashboardSchema = z.object({
  period: periodSchema,
  /** The norms the figures are read against (planning settings) */
  norms: z.object({
    minCallsPerDay: z.number().int(),
    maxCallsPerDay: z.number().int(),
    minObjectives: z.number().int(),
  }),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  total: kpiFiguresSchema,
  reps: z.array(repKpiSchema),
  /** The team over the last 6 periods of the same kind (oldest first) */
  trend: z.array(trendPointSchema),
  products: z.array(productAttainmentSchema),
});
export type TeamDashboard = z.infer<typeof teamDashboardSchema>;

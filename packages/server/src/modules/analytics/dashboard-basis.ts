/**
 * The one way every dashboard (rep home, team, region, drill-down) turns a request into what its figures are
 * computed with, so a team row in the region view equals that team's dashboard and a drill list's total equals
 * the figure it came from.
 */
import { monthsOf, resolvePeriod, workingDaysUpTo, type Period } from '@keqing/domain';
import type { DashboardPeriod, DashboardQuery, PlanningSettings } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { fieldError } from '../../errors/app-error.ts';
import { loadPlanningSettings } from '../planning/planning-settings.repository.ts';
import { loadDoctorGrading } from '../segmentation/grading.service.ts';
import type { RepKpiArgs } from './kpi.repository.ts';

/** What every dashboard figure of a request is computed with: the period, settings, grade order and today. */
export type DashboardBasis = {
  period: DashboardPeriod;
  /** The quota months of the period (see quotaMonthsOf) */
  quotaMonths: string[];
  settings: PlanningSettings;
  gradeOrder: string[];
  today: string;
};

/** The asked period (400 with a Chinese message for a custom period without both ends or reversed). */
export async function dashboardBasisOf(db: Db, q: DashboardQuery, today: string): Promise<DashboardBasis> {
  const settings = await loadPlanningSettings(db);
  const gradeOrder = (await loadDoctorGrading(db)).config.grades;
  const cycle = { cycleStart: settings.cycleAnchor, weeks: settings.cycleWeeks };
  let period: Period;
  if (q.period === 'custom') {
    if (!q.from || !q.to || q.to < q.from) throw fieldError('query.from', 'analytics.rep.customRange');
    period = resolvePeriod({ kind: 'custom', from: q.from, to: q.to }, cycle);
  } else period = resolvePeriod({ kind: q.period, date: q.date ?? today }, cycle);
  return {
    period: { ...period, workingDays: workingDaysUpTo(period, today) },
    quotaMonths: quotaMonthsOf(period, q.date ?? today),
    settings,
    gradeOrder,
    today,
  };
}

/** findRepKpiCounts' arguments for a basis (another period of the trend when given). */
export function kpiArgsOf(
  basis: DashboardBasis,
  repIds: string[],
  productId: string | undefined,
  period: Pick<Period, 'kind' | 'from' | 'to'> = basis.period,
): RepKpiArgs {
  return {
    repIds,
    from: period.from,
    to: period.to,
    workingDays: workingDaysUpTo(period, basis.today),
    months: period === basis.period ? basis.quotaMonths : quotaMonthsOf(period, period.to),
    today: basis.today,
    productId,
    countedTypes: basis.settings.countedCallTypes,
    minObjectives: basis.settings.minObjectives,
    cycleWeeks: basis.settings.cycleWeeks,
    gradeOrder: basis.gradeOrder,
  };
}

/**
 * Quotas are monthly: a month, quarter or custom range counts the months it touches; a 4-week cycle, which
 * straddles two months, counts the month of its reference day (today, or the day asked for).
 */
export function quotaMonthsOf(period: Pick<Period, 'kind' | 'from' | 'to'>, referenceDay: string): string[] {
  return period.kind === 'cycle' ? [referenceDay.slice(0, 7)] : monthsOf(period);
}

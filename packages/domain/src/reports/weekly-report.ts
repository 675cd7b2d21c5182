/** 周报 weekly report: the week's days rolled up — plan vs actual per day and in total, deviations by reason. */
import { deviationReasons, type DeviationReason } from './daily-report.ts';

/** One day as the weekly report sees it: a report (submitted or draft) or, without one, the drafted figures. */
export type WeekDayInput = {
  date: string;
  status: 'submitted' | 'draft' | 'missing';
  planned: number;
  plannedDone: number;
  calls: number;
  callMinutes: number;
  careActions: number;
  followUpsDone: number;
  deviations: { reason: DeviationReason | null }[];
  highlights?: string | null;
};

export type WeekDay = Omit<WeekDayInput, 'deviations' | 'highlights'> & {
  deviations: number;
  /** Planned calls carried out, in percent of planned (null without a plan) */
  doneRate: number | null;
};

export type WeekRollUp = {
  days: WeekDay[];
  totals: {
    planned: number;
    plannedDone: number;
    calls: number;
    callMinutes: number;
    careActions: number;
    followUpsDone: number;
    deviations: number;
    doneRate: number | null;
    submittedDays: number;
    missingDays: number;
  };
  /** Deviations per reason code; `unexplained` for those still without a reason */
  deviationsByReason: Record<DeviationReason | 'unexplained', number>;
  highlights: { date: string; text: string }[];
};

export const planDoneRate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 100) : null;

/** Rolls the week up; the days come sorted by date in the answer. Rates are recomputed from sums, never averaged. */
export function rollUpWeek(days: readonly WeekDayInput[]): WeekRollUp {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const byReason = Object.fromEntries([...deviationReasons, 'unexplained'].map((r) => [r, 0])) as Record<
    DeviationReason | 'unexplained',
    number
  >;
  const totals = {
    planned: 0,
    plannedDone: 0,
    calls: 0,
    callMinutes: 0,
    careActions: 0,
    followUpsDone: 0,
    deviations: 0,
    doneRate: null as number | null,
    submittedDays: 0,
    missingDays: 0,
  };
  const highlights: { date: string; text: string }[] = [];
  const out: WeekDay[] = sorted.map((d) => {
    totals.planned += d.planned;
    totals.plannedDone += d.plannedDone;
    totals.calls += d.calls;
    totals.callMinutes += d.callMinutes;
    totals.careActions += d.careActions;
    totals.followUpsDone += d.followUpsDone;
    totals.deviations += d.deviations.length;
    if (d.status === 'submitted') totals.submittedDays += 1;
    if (d.status === 'missing') totals.missingDays += 1;
    for (const dev of d.deviations) byReason[dev.reason ?? 'unexplained'] += 1;
    if (d.highlights?.trim()) highlights.push({ date: d.date, text: d.highlights.trim() });
    return {
      date: d.date,
      status: d.status,
      planned: d.planned,
      plannedDone: d.plannedDone,
      calls: d.calls,
      callMinutes: d.callMinutes,
      careActions: d.careActions,
      followUpsDone: d.followUpsDone,
      deviations: d.deviations.length,
      doneRate: planDoneRate(d.plannedDone, d.planned),
    };
  });
  totals.doneRate = planDoneRate(totals.plannedDone, totals.planned);
  return { days: out, totals, deviationsByReason: byReason, highlights };
}

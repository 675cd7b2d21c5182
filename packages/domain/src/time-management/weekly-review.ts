import { ratioPct } from '../analytics/kpis.ts';

/** 时间记录的活动: 拜访 · 路途 · 会议 · 行政 · 培训 · 其他 (time_entries.activity). */
export const timeActivities = ['calls', 'travel', 'meetings', 'admin', 'training', 'other'] as const;
export type TimeActivity = (typeof timeActivities)[number];
export const timeEntryKinds = ['planned', 'actual'] as const;
export type TimeEntryKind = (typeof timeEntryKinds)[number];

/** One quick time-log entry may hold at most a 12-hour day. */
export const maxEntryMinutes = 720;

/**
 * Planned call minutes for a planned call without a time slot (planned_calls.start_time/end_time empty): the
 * seed budgets 10–15 doctors a day, about half an hour each with waiting.
 */
export const defaultPlannedCallMinutes = 30;

/** Minutes of a planned call: its slot 'HH:MM'–'HH:MM' when both are set and in order, else the default. */
export function plannedCallMinutes(startTime: string | null, endTime: string | null): number {
  const toMinutes = (t: string | null) => {
    const m = t ? /^(\d{1,2}):(\d{2})$/.exec(t) : null;
    return m ? Number(m[1]) * 60 + Number(m[2]) : null;
  };
  const start = toMinutes(startTime);
  const end = toMinutes(endTime);
  if (start === null || end === null || end <= start) return defaultPlannedCallMinutes;
  return end - start;
}

/** A week's call minutes from each source (summed in SQL). */
export type WeekCallSources = {
  /** planned time_entries with activity calls */
  loggedPlanned: number;
  /** planned_calls of the week (not cancelled), by their slot or the default */
  fromPlannedCalls: number;
  loggedActual: number;
  /** submitted calls: end − start */
  fromCalls: number;
};

/**
 * Call minutes of a week. Planned: the call time the rep logged as their plan for the week, else the week's
 * planned calls (the plan speaks when the rep did not; a rep who plans the week on Monday logs one figure for it).
 * Actual: logged call time plus the submitted calls' own durations (a rep logs the call time the call records do
 * not hold: waiting, a department meeting not entered as a call).
 */
export function weekCallMinutes(w: WeekCallSources): { planned: number; actual: number } {
  return {
    planned: w.loggedPlanned > 0 ? w.loggedPlanned : w.fromPlannedCalls,
    actual: w.loggedActual + w.fromCalls,
  };
}

export type ActivityMinutes = Record<TimeActivity, { planned: number; actual: number }>;

export type ActivityReview = {
  activity: TimeActivity;
  plannedMinutes: number;
  actualMinutes: number;
  /** actual − planned (positive: more time than planned) */
  gapMinutes: number;
  /** share of the week's planned / actual minutes, one decimal; null when the week has none */
  plannedSharePct: number | null;
  actualSharePct: number | null;
};

export type WeekReviewFigures = {
  activities: ActivityReview[];
  plannedTotal: number;
  actualTotal: number;
  /** Up to three activities with the largest |gap|, largest first (none with a zero gap). */
  biggestGaps: TimeActivity[];
};

/** Drucker: record → analyse. Planned vs actual minutes per activity, their shares and the biggest gaps. */
export function weekReviewFigures(minutes: ActivityMinutes, gapsShown = 3): WeekReviewFigures {
  const plannedTotal = timeActivities.reduce((s, a) => s + minutes[a].planned, 0);
  const actualTotal = timeActivities.reduce((s, a) => s + minutes[a].actual, 0);
  const activities = timeActivities.map((activity) => {
    const { planned, actual } = minutes[activity];
    return {
      activity,
      plannedMinutes: planned,
      actualMinutes: actual,
      gapMinutes: actual - planned,
      plannedSharePct: ratioPct(planned, plannedTotal),
      actualSharePct: ratioPct(actual, actualTotal),
    };
  });
  const biggestGaps = activities
    .filter((a) => a.gapMinutes !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.gapMinutes) - Math.abs(a.gapMinutes) ||
        timeActivities.indexOf(a.activity) - timeActivities.indexOf(b.activity),
    )
    .slice(0, gapsShown)
    .map((a) => a.activity);
  return { activities, plannedTotal, actualTotal, biggestGaps };
}

/** All activities at zero, to add SQL sums into. */
export function emptyActivityMinutes(): ActivityMinutes {
  return Object.fromEntries(timeActivities.map((a) => [a, { planned: 0, actual: 0 }])) as ActivityMinutes;
}

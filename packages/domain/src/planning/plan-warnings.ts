import chineseDays from 'chinese-days';
import { holidayDataCovers } from './working-days.ts';
import type { AvailableHalfDay, HalfDay } from './plan-generator.ts';

/** The daily range of planned calls (每天10-15名医生): both ends warn, neither blocks. */
export type DayLoadLimits = { minPerDay: number; maxPerDay: number };

export type DayLoadWarning = { code: 'belowMinCalls' | 'aboveMaxCalls'; date: string; count: number };

/**
 * The warning for one day's planned calls, if any. Above the maximum warns on any day; below the minimum
 * only on a working day the rep is expected to plan (a day of a plan that holds calls) — an empty day
 * of a plan nobody started yet is not news.
 */
export function dayLoadWarning(
  day: { date: string; count: number; workingDay: boolean; expected: boolean },
  limits: DayLoadLimits,
): DayLoadWarning | null {
  if (day.count > limits.maxPerDay) return { code: 'aboveMaxCalls', date: day.date, count: day.count };
  if (day.workingDay && day.expected && day.count < limits.minPerDay) {
    return { code: 'belowMinCalls', date: day.date, count: day.count };
  }
  return null;
}

/** Years from start to end (inclusive) for which chinese-days publishes no holidays: plans there may be wrong. */
export function yearsWithoutHolidayData(startIso: string, endIso: string): number[] {
  const years: number[] = [];
  for (let y = Number(startIso.slice(0, 4)); y <= Number(endIso.slice(0, 4)); y += 1) {
    if (!holidayDataCovers(y)) years.push(y);
  }
  return years;
}

/**
 * The official holiday or 调休 name of a date, in Chinese: '国庆节' on a holiday, '国庆节调休上班' on a
 * make-up workday; null on an ordinary weekday or weekend.
 */
export function holidayNameOf(isoDate: string): string | null {
  const detail = chineseDays.getDayDetail(isoDate);
  // chinese-days names holidays 'National Day,国庆节,3' and plain days by their English weekday
  const parts = detail.name.split(',');
  if (parts.length < 2 || !parts[1]) return null;
  return detail.work ? `${parts[1]}调休上班` : parts[1];
}

function isoWeekdayOf(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whether a half-day is in the doctor's clinic schedule 出诊时间; no schedule means any half-day will do. */
export function isWithinAvailability(
  available: AvailableHalfDay[],
  isoDate: string,
  halfDay: HalfDay,
): boolean {
  if (available.length === 0) return true;
  const weekday = isoWeekdayOf(isoDate);
  return available.some((a) => a.weekday === weekday && a.halfDay === halfDay);
}

/**
 * 拜访频率 for a cycle: the grade's visits are set per 4-week cycle, so a longer or shorter cycle scales
 * them (rounded; a doctor with any visits keeps at least one).
 */
export function requiredCallsInCycle(visitsPer4Weeks: number, cycleWeeks: number): number {
  if (visitsPer4Weeks <= 0) return 0;
  return Math.max(1, Math.round((visitsPer4Weeks * cycleWeeks) / 4));
}

/** The best of a doctor's grades over products, by the grade order (best first); unknown grades rank last. */
export function bestGrade(grades: string[], gradeOrder: string[]): string | null {
  let best: string | null = null;
  const rank = (g: string) => {
    const r = gradeOrder.indexOf(g);
    return r < 0 ? gradeOrder.length : r;
  };
  for (const g of grades) {
    if (best === null || rank(g) < rank(best) || (rank(g) === rank(best) && g < best)) best = g;
  }
  return best;
}

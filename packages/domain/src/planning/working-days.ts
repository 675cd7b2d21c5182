// chinese-days ships CommonJS to Node and ESM to bundlers; only its default export is the same object in both.
import chineseDays from 'chinese-days';
import { addDays } from '../time/china-date.ts';

const dayMs = 86_400_000;

function toUtcMs(isoDate: string): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(ms)) {
    throw new RangeError(`日期格式应为 YYYY-MM-DD：${isoDate}`);
  }
  return ms;
}

/**
 * chinese-days answers through dayjs, microseconds a date; a team dashboard's six-period trend asks about
 * thousands of dates a request. Each date's answer is kept (a few thousand dates over the years served).
 */
const workdayByDate = new Map<string, boolean>();
function isWorkdayKnown(isoDate: string): boolean {
  let workday = workdayByDate.get(isoDate);
  if (workday === undefined) {
    workday = chineseDays.isWorkday(isoDate);
    workdayByDate.set(isoDate, workday);
  }
  return workday;
}

/**
 * 工作日 — whether reps work on this date: Monday–Friday unless an official holiday, plus the
 * 调休 make-up Saturdays/Sundays the State Council announces. Data comes from chinese-days, never typed in.
 */
export function isWorkingDay(isoDate: string): boolean {
  toUtcMs(isoDate);
  return isWorkdayKnown(isoDate);
}

/**
 * Whether chinese-days knows a year's holidays. Beyond its data the library silently falls back to plain
 * weekends, so a caller planning into an unpublished year should warn rather than trust the result.
 * Every year has weekday official holidays (at least part of 春节 or 国庆), so an empty list means no data.
 */
export function holidayDataCovers(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/** Working days from start to end, both inclusive, ascending, as YYYY-MM-DD. Empty when end < start. */
export function workingDaysBetween(startIso: string, endIso: string): string[] {
  const start = toUtcMs(startIso);
  const end = toUtcMs(endIso);
  const days: string[] = [];
  for (let ms = start; ms <= end; ms += dayMs) {
    const iso = new Date(ms).toISOString().slice(0, 10);
    if (isWorkdayKnown(iso)) days.push(iso);
  }
  return days;
}

/** 拜访周期 settings: cycles are back-to-back blocks of `weeks` weeks counted from an anchor date. */
export type CycleSettings = {
  /** Any date on which a cycle starts (usually a Monday); cycles before and after it follow from it. */
  cycleStart: string;
  /** Cycle length in weeks; 4 by default in the design (一个周期 = 4 周). */
  weeks: number;
};

export const defaultCycleWeeks = 4;

export type Cycle = {
  /** Cycle number relative to the anchor: 0 is the cycle starting on the anchor, −1 the one before. */
  index: number;
  /** First calendar day, inclusive. */
  start: string;
  /** Last calendar day, inclusive. */
  end: string;
};

/** The cycle a date falls in. Floor division so dates before the anchor land in negative cycles, not cycle 0. */
export function cycleOf(dateIso: string, settings: CycleSettings): Cycle {
  if (!Number.isInteger(settings.weeks) || settings.weeks < 1) {
    throw new RangeError(`周期周数应为正整数：${settings.weeks}`);
  }
  const length = settings.weeks * 7;
  const offsetDays = Math.round((toUtcMs(dateIso) - toUtcMs(settings.cycleStart)) / dayMs);
  const index = Math.floor(offsetDays / length);
  const start = addDays(settings.cycleStart, index * length);
  return { index, start, end: addDays(start, length - 1) };
}

import dayjs from 'dayjs';
import { dateFormat } from '../../lib/format.ts';

/** Calendar arithmetic on `YYYY-MM-DD` strings (China dates; no time zone involved). */
export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format(dateFormat);
}

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const isoWeekdays: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): IsoWeekday {
  const day = dayjs(date).day();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

/** A weekday number from the API (1–7) as the catalog key type. */
export function asWeekday(value: number): IsoWeekday {
  return Math.min(7, Math.max(1, Math.round(value))) as IsoWeekday;
}

export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export type CalendarView = 'day' | 'week' | 'month' | 'list';
export const calendarViews: readonly CalendarView[] = ['day', 'week', 'month', 'list'];

/** The range a view shows around its anchor date; a month is its whole Monday-to-Sunday weeks (≤ 42 days). */
export function rangeOf(view: CalendarView, anchor: string): { from: string; to: string } {
  if (view === 'day') return { from: anchor, to: anchor };
  if (view === 'month') {
    const first = dayjs(anchor).startOf('month').format(dateFormat);
    const last = dayjs(anchor).endOf('month').format(dateFormat);
    return { from: mondayOf(first), to: addDays(mondayOf(last), 6) };
  }
  const from = mondayOf(anchor);
  return { from, to: addDays(from, 6) };
}

/** Where ‹ and › lead from the anchor. */
export function stepAnchor(view: CalendarView, anchor: string, direction: 1 | -1): string {
  if (view === 'day') return addDays(anchor, direction);
  if (view === 'month') return dayjs(anchor).add(direction, 'month').startOf('month').format(dateFormat);
  return addDays(anchor, 7 * direction);
}

/** The week a weekly plan is for by default: next week from Friday on, else this week. */
export function defaultPlanningWeek(today: string): string {
  const monday = mondayOf(today);
  return isoWeekday(today) >= 5 ? addDays(monday, 7) : monday;
}

const chinaParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A timestamp as China date, clock time and half-day (a logged call's place in the calendar). */
export function chinaSlot(iso: string): { date: string; time: string; halfDay: 'am' | 'pm' } {
  const parts = Object.fromEntries(chinaParts.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    halfDay: hour < 12 ? 'am' : 'pm',
  };
}

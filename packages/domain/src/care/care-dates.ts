/**
 * Care dates 重要日期 in the calendar: festivals per year and the next occurrence of a yearly date (birthday,
 * work anniversary, family event), solar or lunar 农历. The only lunar conversion of the code base: tyme4ts
 * (a maintained calendar library), never a hand-made table.
 */
import { LunarDay, LunarMonth, SolarDay } from 'tyme4ts';
import { addDays } from '../time/china-date.ts';
import { careFestivals, type CareFestival, type FestivalRule } from './care-catalog.ts';

/** A yearly date: month and day, in the lunar calendar when `isLunar` (leap months 闰月 never count). */
export type YearlyDate = { month: number; day: number; isLunar: boolean };

const iso = (d: SolarDay) =>
  `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const solarMonthDays = (y: number, m: number) =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** Whether month/day can be a yearly date: a real solar day (29 February allowed), or a lunar day 1–30. */
export function isValidYearlyDate(date: YearlyDate): boolean {
  const { month, day, isLunar } = date;
  if (!Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1) return false;
  return day <= (isLunar ? 30 : solarMonthDays(2000, month));
}

/**
 * The solar date of a lunar month/day in lunar year `lunarYear` (the regular month, not its leap twin); a 30th
 * falls on the 29th in a 29-day month.
 */
function lunarToSolar(lunarYear: number, month: number, day: number): string {
  const days = LunarMonth.fromYm(lunarYear, month).getDayCount();
  return iso(LunarDay.fromYmd(lunarYear, month, Math.min(day, days)).getSolarDay());
}

/** A solar month/day in `year`; 29 February falls on the 28th in a common year. */
function solarDate(year: number, month: number, day: number): string {
  const d = Math.min(day, solarMonthDays(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Every date of a yearly date within [from, to] (both included), in order. */
export function occurrencesBetween(date: YearlyDate, from: string, to: string): string[] {
  if (to < from || !isValidYearlyDate(date)) return [];
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const found: string[] = [];
  // a lunar year starts in January or February of the solar year of the same number, so its late months fall
  // into the next solar year: look one lunar year back
  for (let y = date.isLunar ? first - 1 : first; y <= last; y++) {
    const d = date.isLunar ? lunarToSolar(y, date.month, date.day) : solarDate(y, date.month, date.day);
    if (d >= from && d <= to) found.push(d);
  }
  return found;
}

/**
 * The next occurrence on or after `from` and at most `withinDays` days later, or null. A lunar 30th falls on the
 * 29th of a short month; leap months are skipped; a solar 29 February falls on the 28th in a common year.
 */
export function nextOccurrence(date: YearlyDate, from: string, withinDays: number): string | null {
  return occurrencesBetween(date, from, addDays(from, withinDays))[0] ?? null;
}

function ruleDate(rule: FestivalRule, year: number): string {
  switch (rule.calendar) {
    case 'solar':
      return solarDate(year, rule.month, rule.day);
    case 'lunar': {
      // the lunar date that falls in solar `year` (the festivals in the catalog all do in lunar year `year`)
      const same = lunarToSolar(year, rule.month, rule.day);
      return same.startsWith(`${year}-`) ? same : lunarToSolar(year - 1, rule.month, rule.day);
    }
    case 'lunarNewYearsEve':
      // 除夕: the eve of the lunar new year that falls in solar `year` (the 12th month may be 29 or 30 days)
      return iso(LunarDay.fromYmd(year, 1, 1).getSolarDay().next(-1));
    case 'nthWeekday': {
      // weekday 1 = Monday … 7 = Sunday; tyme4ts counts Sunday as 0
      const first = SolarDay.fromYmd(year, rule.month, 1);
      const shift = (rule.weekday % 7) - first.getWeek().getIndex();
      return iso(first.next(((shift + 7) % 7) + (rule.nth - 1) * 7));
    }
  }
}

/** The date of a festival in a solar year. */
export function festivalDate(festival: CareFestival, year: number): string {
  return ruleDate(careFestivals[festival].rule, year);
}

/** The festivals among `keys` within [from, to] (both included), by date. */
export function festivalsBetween(
  keys: readonly CareFestival[],
  from: string,
  to: string,
): { festival: CareFestival; date: string }[] {
  if (to < from) return [];
  const found: { festival: CareFestival; date: string }[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const festival of new Set(keys)) {
      const date = festivalDate(festival, y);
      if (date >= from && date <= to) found.push({ festival, date });
    }
  }
  return found.sort((a, b) => a.date.localeCompare(b.date) || a.festival.localeCompare(b.festival));
}

/** The lunar date of a solar date (for display: 农历八月十五); `isLeap` for a day in a leap month 闰月. */
export function lunarOf(date: string): { year: number; month: number; day: number; isLeap: boolean } {
  const [y, m, d] = date.split('-').map(Number);
  const l = SolarDay.fromYmd(y!, m!, d!).getLunarDay();
  return { year: l.getYear(), month: Math.abs(l.getMonth()), day: l.getDay(), isLeap: l.getMonth() < 0 };
}

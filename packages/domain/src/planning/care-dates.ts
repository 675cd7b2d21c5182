// chinese-days ships CommonJS to Node and ESM to bundlers; only its default export is the same object in both.
import chineseDays from 'chinese-days';
import { addDays } from '../time/china-date.ts';
import { daysBetween } from './frequency.ts';

/**
 * The next birthday on or after `from` and at most `withinDays` days later, or null.
 * A solar birthday born on 29 February is kept on 28 February in common years. A lunar birthday
 * (农历生日: month and day of the stored date are the lunar month and day) is converted with
 * chinese-days; its 30th falls on the 29th in a short month, and leap months (闰月) are skipped.
 */
export function nextBirthday(
  birthday: string,
  isLunar: boolean,
  from: string,
  withinDays: number,
): string | null {
  const [, mm, dd] = birthday.split('-');
  const month = Number(mm);
  const day = Number(dd);
  if (!month || !day) return null;
  return isLunar ? nextLunarDate(month, day, from, withinDays) : nextSolarDate(month, day, from, withinDays);
}

function nextSolarDate(month: number, day: number, from: string, withinDays: number): string | null {
  const year = Number(from.slice(0, 4));
  for (const y of [year, year + 1]) {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const d = month === 2 && day === 29 && !leap ? 28 : day;
    const date = `${y}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const offset = daysBetween(from, date);
    if (offset >= 0 && offset <= withinDays) return date;
  }
  return null;
}

function nextLunarDate(month: number, day: number, from: string, withinDays: number): string | null {
  for (let i = 0; i <= withinDays; i++) {
    const date = addDays(from, i);
    const lunar = chineseDays.getLunarDate(date);
    if (lunar.isLeap || lunar.lunarMon !== month) continue;
    if (lunar.lunarDay === day) return date;
    // born on the 30th: celebrated on the last day of a 29-day month
    if (day === 30 && lunar.lunarDay === 29 && chineseDays.monthDays(lunar.lunarYear, month) === 29)
      return date;
  }
  return null;
}

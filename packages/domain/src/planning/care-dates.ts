import { nextOccurrence } from '../care/care-dates.ts';

/**
 * The next birthday on or after `from` and at most `withinDays` days later, or null. A solar birthday born on
 * 29 February is kept on 28 February in common years. A lunar birthday (农历生日: month and day of the stored
 * date are the lunar month and day) is converted by the care calendar (tyme4ts); its 30th falls on the 29th in
 * a short month, and leap months (闰月) are skipped.
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
  return nextOccurrence({ month, day, isLunar }, from, withinDays);
}

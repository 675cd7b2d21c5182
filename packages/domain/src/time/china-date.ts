/** Today's calendar date in China (Asia/Shanghai, no DST), as YYYY-MM-DD. */
export function chinaDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

const chinaClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A moment as China's wall clock, YYYY-MM-DD HH:mm (exports, "数据时间"). */
export function chinaDateTime(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${chinaDate(d)} ${chinaClock.format(d)}`;
}

/** The calendar day before/after an ISO date, as YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the ISO week an ISO date falls in (weeks start on Monday in China). */
export function mondayOf(isoDate: string): string {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(isoDate, weekday === 0 ? -6 : 1 - weekday);
}

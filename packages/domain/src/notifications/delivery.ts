import { addDays } from '../time/china-date.ts';
import { workingDaysBetween } from '../planning/working-days.ts';

/**
 * 重试退避: minutes to wait after the n-th failed attempt (1-based). After the last entry the delivery is failed,
 * so a delivery makes at most `backoffMinutes.length + 1` attempts.
 */
export const backoffMinutes: readonly number[] = [1, 5, 30, 120, 720];
export const maxDeliveryAttempts = backoffMinutes.length + 1;

/** When to try again after `attempts` attempts failed, or null when the delivery has now failed for good. */
export function nextAttemptAfterFailure(attempts: number, now: Date): Date | null {
  if (attempts < 1 || attempts >= maxDeliveryAttempts) return null;
  const wait = backoffMinutes[attempts - 1];
  return wait === undefined ? null : new Date(now.getTime() + wait * 60_000);
}

const chinaOffsetMs = 8 * 3_600_000; // Asia/Shanghai has no daylight saving time

/** 'HH:MM' → minutes after midnight; null for anything else. */
export function minutesOfDay(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * 免打扰: the end of the quiet period `now` falls in, or null when `now` is outside it (or no quiet hours are set).
 * Start > end is an overnight range (22:00–07:00); start = end means no quiet hours. Times are China time.
 */
export function quietHoursEnd(now: Date, quietStart: string | null, quietEnd: string | null): Date | null {
  if (!quietStart || !quietEnd) return null;
  const start = minutesOfDay(quietStart);
  const end = minutesOfDay(quietEnd);
  if (start === null || end === null || start === end) return null;
  const local = new Date(now.getTime() + chinaOffsetMs);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const dayStartMs =
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - chinaOffsetMs;
  const at = (dayOffset: number) => new Date(dayStartMs + dayOffset * 86_400_000 + end * 60_000);
  if (start < end) return minute >= start && minute < end ? at(0) : null;
  if (minute >= start) return at(1); // evening part of an overnight range: ends tomorrow morning
  if (minute < end) return at(0); // morning part
  return null;
}

/**
 * 月末/周期末提醒日: the working day `reminderDays` working days before the period's last working day
 * (0 = the last working day itself). Falls back to the period's first day when the period is shorter.
 */
export function frequencyReminderDay(periodStart: string, periodEnd: string, reminderDays: number): string {
  const days = workingDaysBetween(periodStart, periodEnd);
  if (days.length === 0) return periodEnd;
  const index = Math.max(0, days.length - 1 - Math.max(0, Math.floor(reminderDays)));
  return days[index] ?? periodStart;
}

/** The calendar month a date falls in, as first and last day. */
export function monthOf(isoDate: string): { start: string; end: string } {
  const start = `${isoDate.slice(0, 7)}-01`;
  const nextMonth = addDays(`${isoDate.slice(0, 7)}-28`, 4).slice(0, 7);
  return { start, end: addDays(`${nextMonth}-01`, -1) };
}

/** 企业微信群机器人 markdown message. */
export function weComPayload(content: string) {
  return { msgtype: 'markdown' as const, markdown: { content } };
}

/** 钉钉群机器人 markdown message. */
export function dingTalkPayload(title: string, text: string) {
  return { msgtype: 'markdown' as const, markdown: { title, text } };
}

/**
 * 钉钉加签: the string the robot's secret signs with HMAC-SHA256 (the server computes the HMAC; domain has no crypto).
 * `timestamp` is in milliseconds.
 */
export function dingTalkStringToSign(timestamp: number, secret: string): string {
  return `${timestamp}\n${secret}`;
}

/** The robot URL with `timestamp` and `sign` (base64 HMAC) as query parameters, keeping its own (access_token). */
export function signedRobotUrl(url: string, timestamp: number, sign: string): string {
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestamp));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** Both robots answer HTTP 200 with `{ errcode: 0 }` on success; anything else is a failure worth retrying. */
export function isRobotSuccess(status: number, body: unknown): boolean {
  return (
    status >= 200 &&
    status < 300 &&
    typeof body === 'object' &&
    body !== null &&
    (body as { errcode?: unknown }).errcode === 0
  );
}

/** Whether a webhook URL may be used: only http(s). */
export function isWebhookUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

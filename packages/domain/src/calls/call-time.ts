import { addDays, chinaDate } from '../time/china-date.ts';

/** A rule broken by a call's times: the message key (namespaced `calls.`), its params and the field. */
export type CallProblem = {
  key: string;
  params?: Record<string, string | number>;
  path: 'startAt' | 'endAt';
};

/**
 * A phone's clock may run a little ahead of the server's: a start up to this much "in the future" is
 * taken as now, so a call logged right after it began is not refused for a few seconds of drift.
 */
export const clockSkewMs = 5 * 60_000;

/**
 * 拜访时间: a call record is of something that happened. The end must follow the start, the start must not be
 * in the future, and the call may be entered at most `entryMaxDays` days after its China date.
 */
export function validateCallTime(input: {
  startAt: string;
  endAt: string;
  now: Date;
  /** Today in China, YYYY-MM-DD */
  today: string;
  entryMaxDays: number;
}): CallProblem[] {
  const start = Date.parse(input.startAt);
  const end = Date.parse(input.endAt);
  const problems: CallProblem[] = [];
  if (!(end > start)) problems.push({ key: 'calls.time.endNotAfterStart', path: 'endAt' });
  if (start > input.now.getTime() + clockSkewMs) {
    problems.push({ key: 'calls.time.startInFuture', path: 'startAt' });
  } else if (callDateOf(input.startAt) < addDays(input.today, -input.entryMaxDays)) {
    problems.push({
      key: 'calls.time.tooOld',
      params: { days: input.entryMaxDays },
      path: 'startAt',
    });
  }
  return problems;
}

/** The China date a call belongs to (of its start). */
export function callDateOf(startAt: string): string {
  return chinaDate(new Date(startAt));
}

export type TimeSpan = { startAt: string; endAt: string };

/** Two calls overlap when each starts before the other ends (touching ends are fine: 9:00–9:30, 9:30–10:00). */
export function spansOverlap(a: TimeSpan, b: TimeSpan): boolean {
  return Date.parse(a.startAt) < Date.parse(b.endAt) && Date.parse(b.startAt) < Date.parse(a.endAt);
}

/** The first of `others` that overlaps `span`, if any. */
export function findOverlap<T extends TimeSpan>(span: TimeSpan, others: readonly T[]): T | undefined {
  return others.find((o) => spansOverlap(span, o));
}

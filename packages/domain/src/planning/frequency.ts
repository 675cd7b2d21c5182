/**
 * 拜访频率达成 — frequency attainment and the due/overdue list. A doctor's grade gives the calls required per
 * cycle (拜访频率, e.g. A 4, B 2, C 1 per 4 weeks); spreading them evenly gives the longest gap allowed
 * between two calls, and a doctor not seen for longer than that is overdue.
 */
import { addDays } from '../time/china-date.ts';

/** ok · due (call soon) · overdue (seen too long ago) · notTarget (nothing required: unscored or 0 calls) */
export type FrequencyState = 'ok' | 'due' | 'overdue' | 'notTarget';

/** A doctor turns 'due' this many days before the due date, so the rep can still fit the call into the week. */
export const dueSoonDays = 2;

/** Most urgent first: the default order of the due/overdue list. */
export const frequencyStateOrder: readonly FrequencyState[] = ['overdue', 'due', 'ok', 'notTarget'];

const dayMs = 86_400_000;

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/**
 * The longest gap allowed between two calls: cycle days / required calls, rounded down to whole days
 * (never below one day). Null when nothing is required.
 */
export function visitIntervalDays(cycleDays: number, required: number): number | null {
  if (required <= 0) return null;
  return Math.max(1, Math.floor(cycleDays / required));
}

export type FrequencyInput = {
  /** Calls required per cycle (拜访频率) */
  required: number;
  /** Latest counted call of the doctor, if any */
  lastCallDate: string | null;
  /** First day of the current cycle */
  cycleStart: string;
  /** Cycle length in days (cycleWeeks × 7) */
  cycleDays: number;
  today: string;
};

export type FrequencyStatus = {
  /** When the next call is due; null for a doctor with nothing required */
  dueDate: string | null;
  /** Days past the due date (0 unless overdue) */
  overdueDays: number;
  state: FrequencyState;
};

/**
 * dueDate = last call + interval; a target doctor never seen is due from the cycle start.
 * overdue when today is after the due date, due from `dueSoonDays` before it, ok before that.
 */
export function frequencyStatus(input: FrequencyInput): FrequencyStatus {
  const interval = visitIntervalDays(input.cycleDays, input.required);
  if (interval === null) return { dueDate: null, overdueDays: 0, state: 'notTarget' };
  const dueDate = input.lastCallDate ? addDays(input.lastCallDate, interval) : input.cycleStart;
  const late = daysBetween(dueDate, input.today);
  if (late > 0) return { dueDate, overdueDays: late, state: 'overdue' };
  return { dueDate, overdueDays: 0, state: late >= -dueSoonDays ? 'due' : 'ok' };
}

/**
 * Attainment %: Σ min(done, required) / Σ required, one decimal. Calls beyond a doctor's frequency do not
 * make up for another doctor's missing ones. 100 when nothing is required.
 */
export function attainmentPct(rows: readonly { required: number; done: number }[]): number {
  let required = 0;
  let met = 0;
  for (const r of rows) {
    required += Math.max(0, r.required);
    met += Math.min(Math.max(0, r.done), Math.max(0, r.required));
  }
  if (required === 0) return 100;
  return Math.round((met * 1000) / required) / 10;
}

import { addDays } from '../time/china-date.ts';

/**
 * 时间管理矩阵 (seed 004): every activity is placed by importance × urgency.
 * A 重要紧急 · B 重要不紧急 · C 紧急不重要 · D 不重要不紧急.
 */
export const quadrants = ['A', 'B', 'C', 'D'] as const;
export type Quadrant = (typeof quadrants)[number];

export function quadrantOf(important: boolean, urgent: boolean): Quadrant {
  if (important) return urgent ? 'A' : 'B';
  return urgent ? 'C' : 'D';
}

/** The flags of a quadrant (for filtering stored tasks by quadrant). */
export function flagsOf(quadrant: Quadrant): { important: boolean; urgent: boolean } {
  return { important: quadrant === 'A' || quadrant === 'B', urgent: quadrant === 'A' || quadrant === 'C' };
}

/**
 * A follow-up or care date becomes urgent when it is due within this many days (today + 3 days included) or is
 * overdue: three days leave time to book the visit or buy the card, a week would make most of the matrix urgent.
 */
export const urgentWithinDays = 3;

/** Where a derived matrix item comes from: 跟进 (follow_ups) or 关怀 (birthday / care date of a doctor). */
export const derivedSourceKinds = ['followUp', 'careDate'] as const;
export type DerivedSourceKind = (typeof derivedSourceKinds)[number];

export type DerivedPlacement = {
  quadrant: Quadrant;
  important: true;
  urgent: boolean;
  overdue: boolean;
};

/**
 * Follow-ups (a promise made to a doctor) and care dates (the relationship) are always important; urgency comes
 * from the due date: overdue or due within `withinDays` days of `today`.
 */
export function placeDerived(
  dueDate: string,
  today: string,
  withinDays = urgentWithinDays,
): DerivedPlacement {
  const overdue = dueDate < today;
  const urgent = overdue || dueDate <= addDays(today, withinDays);
  return { quadrant: quadrantOf(true, urgent), important: true, urgent, overdue };
}

/** Days from `today` to `date` (negative when past). */
export function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * Academic events 学术会议/科室会 (seed 004): speaker fees within caps per talk and per speaker per year (all events,
 * all reps), the meal cost shared among the doctors who signed in, sign-in only around the event day, and matching a
 * signing-in guest to an invited doctor by name.
 */
import { addDays } from '../time/china-date.ts';

export const eventFormats = ['departmentMeeting', 'cityMeeting', 'symposium', 'online'] as const;
export type EventFormat = (typeof eventFormats)[number];

export const eventLayouts = ['classroom', 'theatre', 'roundTable', 'uShape', 'online'] as const;
export type EventLayout = (typeof eventLayouts)[number];

export const eventStatuses = [
  'draft',
  'submitted',
  'managerApproved',
  'approved',
  'rejected',
  'held',
  'closed',
] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const speakerRoles = ['chair', 'speaker'] as const;
export type SpeakerRole = (typeof speakerRoles)[number];

/**
 * Default speaker caps (not in the care settings: their schema is the care settings' own; changing these is a code
 * change). A speaker's fee + travel counts per talk; the yearly cap sums every event of every rep.
 */
export const defaultSpeakerCaps = { perTalkFen: 500_000, perYearFen: 2_000_000 } as const;
export type SpeakerCaps = { perTalkFen: number; perYearFen: number };

export type SpeakerCapReason = 'overTalkCap' | 'overYearCap';

/**
 * One speaker's fee on this event against the caps: the fee alone against the per-talk cap; the fee plus travel plus
 * what the doctor was paid on other events this year against the yearly cap.
 */
export function checkSpeakerFee(input: {
  feeFen: number;
  travelFen: number;
  /** Fee + travel of the doctor's other events in the same year (all reps) */
  otherEventsFen: number;
  caps?: SpeakerCaps;
}): SpeakerCapReason[] {
  const caps = input.caps ?? defaultSpeakerCaps;
  const reasons: SpeakerCapReason[] = [];
  if (input.feeFen > caps.perTalkFen) reasons.push('overTalkCap');
  if (input.otherEventsFen + input.feeFen + input.travelFen > caps.perYearFen) reasons.push('overYearCap');
  return reasons;
}

/**
 * Each signed-in doctor's share of the meal in fen: equal shares, the first `remainder` doctors carrying one fen
 * more, so the shares add up to the meal cost exactly. No one signed in: no shares.
 */
export function mealShares(mealCostFen: number, attendees: number): number[] {
  if (attendees <= 0) return [];
  const base = Math.floor(mealCostFen / attendees);
  const remainder = mealCostFen - base * attendees;
  return Array.from({ length: attendees }, (_, i) => base + (i < remainder ? 1 : 0));
}

/** Sign-in is open on the event day (China date) and one day either side. */
export function signInOpen(eventDate: string, today: string): boolean {
  return today >= addDays(eventDate, -1) && today <= addDays(eventDate, 1);
}

/** Names compared without spaces (full- and half-width) and in one case: `张 三` = `张三`, `Li Ming` = `liming`. */
export const normalizeName = (name: string) => name.replace(/[\s\u3000·・.]/g, '').toLowerCase();

/**
 * The invited doctor a guest means by their name: exactly one invitee with that name. Two invitees of the same name:
 * ambiguous (the phone's last 4 digits are not stored for doctors, so the rep signs them in).
 */
export function matchInvitee<T extends { name: string }>(
  typed: string,
  invitees: readonly T[],
): { ok: true; invitee: T } | { ok: false; reason: 'unknown' | 'ambiguous' } {
  const wanted = normalizeName(typed);
  if (!wanted) return { ok: false, reason: 'unknown' };
  const found = invitees.filter((i) => normalizeName(i.name) === wanted);
  if (found.length === 0) return { ok: false, reason: 'unknown' };
  if (found.length > 1) return { ok: false, reason: 'ambiguous' };
  return { ok: true, invitee: found[0]! };
}

/**
 * The kind under which a speaker's fee and travel appear in a doctor's annual care total. They are reported there
 * (transparency: every yuan a doctor received), but governed by the speaker caps above, not by the care tier's caps.
 */
export const speakerFeeKind = 'speakerFee';

/** What counts against a doctor's yearly care cap: everything received except speaker fees. */
export function careCapSpendFen(totalFen: number, byKind: Readonly<Record<string, number>>): number {
  return totalFen - (byKind[speakerFeeKind] ?? 0);
}

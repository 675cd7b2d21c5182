import { and, asc, desc, eq, gte, inArray, isNotNull, lte, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';
import {
  academicEvents,
  doctors,
  eventApprovals,
  eventAttendees,
  eventSpeakers,
  hospitals,
  users,
} from '../../db/schema.ts';

const owner = alias(users, 'owner');
const decider = alias(users, 'decider');

/** Statuses whose speaker fees are committed spend (counted against the yearly cap and in the annual totals). */
export const committedStatuses = ['submitted', 'managerApproved', 'approved', 'held', 'closed'] as const;

const eventColumns = {
  id: academicEvents.id,
  ownerId: academicEvents.ownerId,
  ownerName: owner.name,
  topic: academicEvents.topic,
  purpose: academicEvents.purpose,
  format: academicEvents.format,
  eventDate: academicEvents.eventDate,
  startTime: academicEvents.startTime,
  place: academicEvents.place,
  hospitalId: academicEvents.hospitalId,
  hospitalName: hospitals.name,
  layout: academicEvents.layout,
  budgetFen: academicEvents.budgetFen,
  mealCostFen: academicEvents.mealCostFen,
  agenda: academicEvents.agenda,
  materials: academicEvents.materials,
  status: academicEvents.status,
  needsCompliance: academicEvents.needsCompliance,
  hasSignInCode: sql<boolean>`(${academicEvents.signInTokenHash} is not null)`,
  speakers: sql<number>`(select count(*)::int from event_speakers s where s.event_id = ${academicEvents.id})`,
  attendees: sql<number>`(select count(*)::int from event_attendees a where a.event_id = ${academicEvents.id})`,
  signedIn: sql<number>`(select count(*)::int from event_attendees a where a.event_id = ${academicEvents.id} and a.signed_in_at is not null)`,
  version: academicEvents.version,
  createdAt: academicEvents.createdAt,
  updatedAt: academicEvents.updatedAt,
};
const eventsQuery = (db: Db) =>
  db
    .select(eventColumns)
    .from(academicEvents)
    .innerJoin(owner, eq(owner.id, academicEvents.ownerId))
    .leftJoin(hospitals, eq(hospitals.id, academicEvents.hospitalId));
type EventRaw = Awaited<ReturnType<typeof eventsQuery>>[number];
const bool = (v: unknown) => v === true || String(v) === 'true';
const eventOut = (r: EventRaw) => ({
  ...r,
  budgetFen: Number(r.budgetFen),
  mealCostFen: Number(r.mealCostFen),
  hasSignInCode: bool(r.hasSignInCode),
  speakers: Number(r.speakers),
  attendees: Number(r.attendees),
  signedIn: Number(r.signedIn),
  agenda: r.agenda as { time?: string; title: string; speakerDoctorId?: string | null }[],
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type EventRow = ReturnType<typeof eventOut>;

/** Condition: events waiting for this manager (their teams' submitted events, not their own). */
export const awaitingManager = (managerId: string) =>
  sql`(${academicEvents.status} = 'submitted' and ${owner.teamId} in (select t.id from teams t where t.manager_id = ${managerId}) and ${academicEvents.ownerId} <> ${managerId})`;
export const awaitingCompliance = sql`(${academicEvents.status} = 'managerApproved' and ${academicEvents.needsCompliance})`;
export const noEvents = sql`false`;

export async function findEvents(
  db: Db,
  f: {
    ownerId?: string;
    status?: string;
    from?: string;
    to?: string;
    q?: string;
    scope?: SQL;
    awaiting?: SQL;
  },
  page: { page: number; pageSize: number },
) {
  const w = and(
    f.ownerId ? eq(academicEvents.ownerId, f.ownerId) : undefined,
    f.status ? eq(academicEvents.status, f.status as 'draft') : undefined,
    f.from ? gte(academicEvents.eventDate, f.from) : undefined,
    f.to ? lte(academicEvents.eventDate, f.to) : undefined,
    f.q ? sql`${academicEvents.topic} ilike ${`%${f.q.replace(/[\\%_]/g, '\\$&')}%`}` : undefined,
    f.scope,
    f.awaiting,
  );
  const [rows, [c]] = await Promise.all([
    eventsQuery(db)
      .where(w)
      .orderBy(desc(academicEvents.eventDate), asc(academicEvents.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(academicEvents)
      .innerJoin(owner, eq(owner.id, academicEvents.ownerId))
      .where(w),
  ]);
  return { rows: rows.map(eventOut), total: c?.n ?? 0 };
}

export async function getEvent(db: Db, id: string, scope?: SQL) {
  const [row] = await eventsQuery(db).where(and(eq(academicEvents.id, id), scope));
  return row && eventOut(row);
}

/** Locks the event row for a state change, so two requests cannot both move it. */
export async function lockEvent(tx: Db, id: string) {
  await tx
    .select({ id: academicEvents.id })
    .from(academicEvents)
    .where(eq(academicEvents.id, id))
    .for('update');
}

export async function insertEvent(tx: Db, values: typeof academicEvents.$inferInsert): Promise<string> {
  const [row] = await tx.insert(academicEvents).values(values).returning({ id: academicEvents.id });
  return row!.id;
}

// ── Doctors ──────────────────────────────────────────────────────────────────

export async function findDoctors(db: Db, ids: readonly string[], scope?: SQL) {
  if (ids.length === 0) return [];
  return db
    .select({ id: doctors.id, name: doctors.name, mergedInto: doctors.mergedInto })
    .from(doctors)
    .where(and(inArray(doctors.id, [...new Set(ids)]), scope));
}

export async function hospitalVisible(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: hospitals.id })
    .from(hospitals)
    .where(and(eq(hospitals.id, id), scope));
  return !!row;
}

// ── Speakers ─────────────────────────────────────────────────────────────────

export async function findSpeakers(db: Db, eventId: string) {
  const rows = await db
    .select({
      id: eventSpeakers.id,
      doctorId: eventSpeakers.doctorId,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      role: eventSpeakers.role,
      talkTitle: eventSpeakers.talkTitle,
      feeFen: eventSpeakers.feeFen,
      travelFen: eventSpeakers.travelFen,
      paidOn: eventSpeakers.paidOn,
      paidBy: eventSpeakers.paidBy,
    })
    .from(eventSpeakers)
    .innerJoin(doctors, eq(doctors.id, eventSpeakers.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(eq(eventSpeakers.eventId, eventId))
    .orderBy(asc(eventSpeakers.role), asc(doctors.name), asc(eventSpeakers.id));
  return rows.map((r) => ({ ...r, feeFen: Number(r.feeFen), travelFen: Number(r.travelFen) }));
}

export type SpeakerValues = {
  doctorId: string;
  role: 'chair' | 'speaker';
  talkTitle: string | null;
  feeFen: number;
  travelFen: number;
};
export async function replaceSpeakers(tx: Db, eventId: string, speakers: SpeakerValues[]) {
  await tx.delete(eventSpeakers).where(eq(eventSpeakers.eventId, eventId));
  if (speakers.length) await tx.insert(eventSpeakers).values(speakers.map((sp) => ({ ...sp, eventId })));
}

export async function setPayment(tx: Db, eventId: string, doctorId: string, paidOn: string, paidBy: string) {
  await tx
    .update(eventSpeakers)
    .set({ paidOn, paidBy })
    .where(and(eq(eventSpeakers.eventId, eventId), eq(eventSpeakers.doctorId, doctorId)));
}

/**
 * Fee + travel of each doctor as a speaker on the other committed events of the year (all reps): the base of the
 * yearly speaker cap.
 */
export async function otherEventsFees(
  db: Db,
  doctorIds: readonly string[],
  year: number,
  exceptEventId: string,
): Promise<Map<string, number>> {
  const result = new Map<string, number>(doctorIds.map((id) => [id, 0]));
  if (doctorIds.length === 0) return result;
  const rows = await db
    .select({
      doctorId: eventSpeakers.doctorId,
      total: sql<number>`coalesce(sum(${eventSpeakers.feeFen} + ${eventSpeakers.travelFen}), 0)::bigint`,
    })
    .from(eventSpeakers)
    .innerJoin(academicEvents, eq(academicEvents.id, eventSpeakers.eventId))
    .where(
      and(
        inArray(eventSpeakers.doctorId, [...new Set(doctorIds)]),
        ne(academicEvents.id, exceptEventId),
        inArray(academicEvents.status, [...committedStatuses]),
        gte(academicEvents.eventDate, `${year}-01-01`),
        lte(academicEvents.eventDate, `${year}-12-31`),
      ),
    )
    .groupBy(eventSpeakers.doctorId);
  for (const r of rows) result.set(r.doctorId, Number(r.total));
  return result;
}

// ── Attendees ────────────────────────────────────────────────────────────────

export async function findAttendees(db: Db, eventId: string) {
  const rows = await db
    .select({
      id: eventAttendees.id,
      doctorId: eventAttendees.doctorId,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      invitedAt: eventAttendees.invitedAt,
      signedInAt: eventAttendees.signedInAt,
      followUpId: eventAttendees.followUpId,
    })
    .from(eventAttendees)
    .innerJoin(doctors, eq(doctors.id, eventAttendees.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(eq(eventAttendees.eventId, eventId))
    .orderBy(asc(doctors.name), asc(eventAttendees.id));
  return rows.map((r) => ({ ...r, invitedAt: toIso(r.invitedAt), signedInAt: toIso(r.signedInAt) }));
}

/** The invitation list becomes `doctorIds`: new doctors added, removed ones dropped, the others (and sign-ins) kept. */
export async function setAttendees(tx: Db, eventId: string, doctorIds: readonly string[]) {
  const ids = [...new Set(doctorIds)];
  await tx
    .delete(eventAttendees)
    .where(
      and(
        eq(eventAttendees.eventId, eventId),
        ids.length ? notInArray(eventAttendees.doctorId, ids) : undefined,
      ),
    );
  if (ids.length)
    await tx
      .insert(eventAttendees)
      .values(ids.map((doctorId) => ({ eventId, doctorId })))
      .onConflictDoNothing();
}

export async function signIn(tx: Db, attendeeId: string): Promise<boolean> {
  const rows = await tx
    .update(eventAttendees)
    .set({ signedInAt: sql`now()` })
    .where(and(eq(eventAttendees.id, attendeeId), sql`${eventAttendees.signedInAt} is null`))
    .returning({ id: eventAttendees.id });
  return rows.length === 1;
}

export async function signedInAttendees(db: Db, eventId: string) {
  return db
    .select({ id: eventAttendees.id, doctorId: eventAttendees.doctorId })
    .from(eventAttendees)
    .where(and(eq(eventAttendees.eventId, eventId), isNotNull(eventAttendees.signedInAt)));
}

export async function setFollowUp(tx: Db, attendeeId: string, followUpId: string) {
  await tx.update(eventAttendees).set({ followUpId }).where(eq(eventAttendees.id, attendeeId));
}

// ── Approvals ────────────────────────────────────────────────────────────────

export async function findApprovals(db: Db, eventId: string) {
  const rows = await db
    .select({
      step: eventApprovals.step,
      decision: eventApprovals.decision,
      decidedById: eventApprovals.decidedBy,
      decidedByName: decider.name,
      comment: eventApprovals.comment,
      decidedAt: eventApprovals.decidedAt,
    })
    .from(eventApprovals)
    .innerJoin(decider, eq(decider.id, eventApprovals.decidedBy))
    .where(eq(eventApprovals.eventId, eventId))
    .orderBy(asc(eventApprovals.decidedAt), asc(eventApprovals.id));
  return rows.map((r) => ({
    step: r.step,
    decision: r.decision,
    decidedBy: { id: r.decidedById, name: r.decidedByName },
    comment: r.comment,
    decidedAt: toIso(r.decidedAt),
  }));
}

export async function insertApproval(tx: Db, values: typeof eventApprovals.$inferInsert) {
  await tx.insert(eventApprovals).values(values);
}

// ── Sign-in token ────────────────────────────────────────────────────────────

export async function setSignInToken(tx: Db, eventId: string, tokenHash: string) {
  await tx
    .update(academicEvents)
    .set({ signInTokenHash: tokenHash, version: sql`${academicEvents.version} + 1`, updatedAt: sql`now()` })
    .where(eq(academicEvents.id, eventId));
}

export async function getByTokenHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: academicEvents.id,
      topic: academicEvents.topic,
      eventDate: academicEvents.eventDate,
      startTime: academicEvents.startTime,
      place: academicEvents.place,
      status: academicEvents.status,
    })
    .from(academicEvents)
    .where(eq(academicEvents.signInTokenHash, tokenHash));
  return row;
}

/** The first sign-in marks an approved event as held (it took place). */
export async function markHeld(tx: Db, eventId: string) {
  await tx
    .update(academicEvents)
    .set({ status: 'held', version: sql`${academicEvents.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(academicEvents.id, eventId), eq(academicEvents.status, 'approved')));
}

export { academicEvents, doctors, hospitals, owner };

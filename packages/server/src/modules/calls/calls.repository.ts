import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  callAmendments,
  calls,
  coVisits,
  departments,
  doctors,
  followUps,
  hospitals,
  plannedCalls,
  products,
  users,
} from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

const owner = alias(users, 'call_owner');

const callColumns = {
  id: calls.id,
  clientId: calls.clientId,
  ownerId: calls.ownerId,
  ownerName: owner.name,
  doctorId: calls.doctorId,
  doctorName: doctors.name,
  hospitalId: calls.hospitalId,
  hospitalName: hospitals.name,
  departmentName: departments.name,
  plannedCallId: calls.plannedCallId,
  type: calls.type,
  startAt: calls.startAt,
  endAt: calls.endAt,
  callDate: calls.callDate,
  status: calls.status,
  attendees: calls.attendees,
  products: calls.products,
  objectives: calls.objectives,
  preparationDone: calls.preparationDone,
  opening: calls.opening,
  needsFound: calls.needsFound,
  benefitsPresented: calls.benefitsPresented,
  objections: calls.objections,
  commitment: calls.commitment,
  nextStep: calls.nextStep,
  nextStepDue: calls.nextStepDue,
  scoreUpdates: calls.scoreUpdates,
  notes: calls.notes,
  latitude: calls.latitude,
  distanceToHospitalM: calls.distanceToHospitalM,
  submittedAt: calls.submittedAt,
  amendmentCount: calls.amendmentCount,
  coVisitId: coVisits.id,
  version: calls.version,
  createdAt: calls.createdAt,
  updatedAt: calls.updatedAt,
};

function callsQuery(db: Db) {
  return db
    .select(callColumns)
    .from(calls)
    .innerJoin(owner, eq(owner.id, calls.ownerId))
    .innerJoin(doctors, eq(doctors.id, calls.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, calls.hospitalId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId))
    .leftJoin(coVisits, eq(coVisits.callId, calls.id));
}

const withIso = <T extends { startAt: string; endAt: string; createdAt: string; updatedAt: string }>(
  r: T & { submittedAt: string | null },
) => ({
  ...r,
  startAt: toIso(r.startAt),
  endAt: toIso(r.endAt),
  submittedAt: toIso(r.submittedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});

export type CallFilters = {
  scope?: SQL;
  ownerId?: string;
  doctorId?: string;
  hospitalId?: string;
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
};

const sortable = {
  startAt: calls.startAt,
  callDate: calls.callDate,
  doctorName: doctors.name,
  type: calls.type,
  status: calls.status,
};

function callsWhere(f: CallFilters) {
  const pattern = f.q ? likePattern(f.q) : undefined;
  return and(
    f.scope,
    f.ownerId ? eq(calls.ownerId, f.ownerId) : undefined,
    f.doctorId ? eq(calls.doctorId, f.doctorId) : undefined,
    f.hospitalId ? eq(calls.hospitalId, f.hospitalId) : undefined,
    f.type ? eq(calls.type, f.type as never) : undefined,
    f.status ? eq(calls.status, f.status as never) : undefined,
    f.from ? gte(calls.callDate, f.from) : undefined,
    f.to ? lte(calls.callDate, f.to) : undefined,
    pattern
      ? or(sql`${doctors.name} ilike ${pattern}`, sql`${doctors.nameInitials} ilike ${pattern}`)
      : undefined,
  );
}

export async function findCalls(
  db: Db,
  f: CallFilters,
  page: { page: number; pageSize: number; sort?: string },
) {
  const w = callsWhere(f);
  const [rows, [c]] = await Promise.all([
    callsQuery(db)
      .where(w)
      .orderBy(...orderBy(page.sort, sortable, '-startAt', calls.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(calls).innerJoin(doctors, eq(doctors.id, calls.doctorId)).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getCall(db: Db, id: string, scope?: SQL) {
  const [row] = await callsQuery(db).where(and(eq(calls.id, id), scope));
  return row && withIso(row);
}
export type CallRow = NonNullable<Awaited<ReturnType<typeof getCall>>>;

export async function getCallByClientId(db: Db, ownerId: string, clientId: string) {
  const [row] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.ownerId, ownerId), eq(calls.clientId, clientId)));
  return row;
}

export type CallValues = {
  doctorId: string;
  hospitalId: string;
  plannedCallId: string | null;
  type: (typeof calls.$inferInsert)['type'];
  startAt: string;
  endAt: string;
  callDate: string;
  attendees: unknown[];
  products: { productId: string; keyMessages: string[] }[];
  objectives: unknown[];
  preparationDone: boolean | null;
  opening: string | null;
  needsFound: string | null;
  benefitsPresented: string | null;
  objections: unknown[];
  commitment: string | null;
  nextStep: string | null;
  nextStepDue: string | null;
  scoreUpdates: unknown[];
  notes: string | null;
};

const derived = (v: Partial<CallValues>) => ({
  ...v,
  ...(v.products ? { productIds: v.products.map((p) => p.productId) } : {}),
  ...(v.objectives ? { objectiveCount: v.objectives.length } : {}),
});

/** Inserts a draft; answers undefined when (owner, clientId) already exists (a retried submission). */
export async function insertCall(tx: Db, v: CallValues & { ownerId: string; clientId: string }) {
  const [row] = await tx
    .insert(calls)
    .values(derived(v) as typeof calls.$inferInsert)
    .onConflictDoNothing({ target: [calls.ownerId, calls.clientId] })
    .returning({ id: calls.id });
  return row?.id;
}

/** The column values of a content change (products and objectives keep their derived columns in step). */
export const callUpdateValues = (v: Partial<CallValues>): Record<string, unknown> => derived(v);

export async function incrementAmendmentCount(tx: Db, id: string) {
  await tx
    .update(calls)
    .set({ amendmentCount: sql`${calls.amendmentCount} + 1` })
    .where(eq(calls.id, id));
}

export async function deleteCall(tx: Db, id: string) {
  await tx.delete(calls).where(eq(calls.id, id));
}

/**
 * Serialises one owner's call writes, so two devices cannot both pass the overlap check ("no key update": rows
 * that merely reference the user, e.g. audit entries of other requests, are not held up).
 */
export async function lockOwner(tx: Db, ownerId: string) {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for('no key update');
}

/** The owner's other calls (draft or submitted) that overlap [startAt, endAt). */
export async function findOverlappingCalls(
  db: Db,
  ownerId: string,
  span: { startAt: string; endAt: string },
  excludeId?: string,
) {
  const rows = await db
    .select({ id: calls.id, startAt: calls.startAt, endAt: calls.endAt })
    .from(calls)
    .where(
      and(
        eq(calls.ownerId, ownerId),
        excludeId ? ne(calls.id, excludeId) : undefined,
        lt(calls.startAt, span.endAt),
        gt(calls.endAt, span.startAt),
      ),
    )
    .orderBy(asc(calls.startAt))
    .limit(1);
  return rows.map((r) => ({ ...r, startAt: toIso(r.startAt), endAt: toIso(r.endAt) }));
}

export async function getDoctor(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select({ id: doctors.id, hospitalId: doctors.hospitalId, mergedInto: doctors.mergedInto })
    .from(doctors)
    .where(and(eq(doctors.id, id), scope));
  return row;
}

export async function getHospitalPosition(db: Db, id: string) {
  const [row] = await db
    .select({ latitude: hospitals.latitude, longitude: hospitals.longitude })
    .from(hospitals)
    .where(eq(hospitals.id, id));
  return row ?? { latitude: null, longitude: null };
}

export async function getPlannedCall(db: Db, id: string) {
  const [row] = await db
    .select({
      id: plannedCalls.id,
      ownerId: plannedCalls.ownerId,
      doctorId: plannedCalls.doctorId,
      status: plannedCalls.status,
    })
    .from(plannedCalls)
    .where(eq(plannedCalls.id, id));
  return row;
}

export async function markPlannedCallDone(tx: Db, id: string) {
  await tx
    .update(plannedCalls)
    .set({ status: 'done', version: sql`${plannedCalls.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(plannedCalls.id, id), ne(plannedCalls.status, 'done')));
}

export async function findProducts(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: products.id, name: products.name, active: products.active })
    .from(products)
    .where(inArray(products.id, ids));
}

export async function setLocation(
  tx: Db,
  id: string,
  v: { latitude: number; longitude: number; accuracyM: number | null; distanceToHospitalM: number | null },
) {
  await tx
    .update(calls)
    .set({
      latitude: v.latitude,
      longitude: v.longitude,
      locationAccuracyM: v.accuracyM,
      distanceToHospitalM: v.distanceToHospitalM,
    })
    .where(eq(calls.id, id));
}

// ── amendments ──────────────────────────────────────────────────────────────

export async function insertAmendment(
  tx: Db,
  v: { callId: string; amendedBy: string; reason: string; before: unknown; after: unknown },
) {
  const [row] = await tx.insert(callAmendments).values(v).returning({ id: callAmendments.id });
  return row!.id;
}

const amender = alias(users, 'amender');
export async function findAmendments(db: Db, callId: string) {
  const rows = await db
    .select({
      id: callAmendments.id,
      callId: callAmendments.callId,
      amendedById: callAmendments.amendedBy,
      amendedByName: amender.name,
      reason: callAmendments.reason,
      before: callAmendments.before,
      after: callAmendments.after,
      createdAt: callAmendments.createdAt,
    })
    .from(callAmendments)
    .innerJoin(amender, eq(amender.id, callAmendments.amendedBy))
    .where(eq(callAmendments.callId, callId))
    .orderBy(desc(callAmendments.createdAt), desc(callAmendments.id));
  return rows.map((r) => ({ ...r, createdAt: toIso(r.createdAt) }));
}

// ── the follow-up a call's next step becomes ────────────────────────────────

export async function insertFollowUp(
  tx: Db,
  v: { callId: string; ownerId: string; doctorId: string; title: string; dueDate: string },
) {
  const [row] = await tx.insert(followUps).values(v).returning({ id: followUps.id });
  return row!.id;
}

export async function getOpenFollowUpOfCall(db: Db, callId: string) {
  const [row] = await db
    .select({ id: followUps.id, title: followUps.title, dueDate: followUps.dueDate })
    .from(followUps)
    .where(and(eq(followUps.callId, callId), eq(followUps.status, 'open')))
    .orderBy(desc(followUps.createdAt))
    .limit(1);
  return row;
}

export async function countFollowUpsOfCall(db: Db, callId: string) {
  const [row] = await db.select({ n: countAll }).from(followUps).where(eq(followUps.callId, callId));
  return row?.n ?? 0;
}

export async function updateFollowUpFromCall(tx: Db, id: string, v: { title: string; dueDate: string }) {
  await tx
    .update(followUps)
    .set({ ...v, version: sql`${followUps.version} + 1`, updatedAt: sql`now()` })
    .where(eq(followUps.id, id));
}

export { calls, doctors };

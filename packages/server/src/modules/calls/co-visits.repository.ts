import { and, eq, gte, isNotNull, isNull, lte, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { calls, coVisits, doctors, hospitals, users } from '../../db/schema.ts';
import { countAll, offsetOf, orderBy, toIso } from '../../db/list.ts';

const manager = alias(users, 'co_visit_manager');
const rep = alias(users, 'co_visit_rep');
const columns = {
  id: coVisits.id,
  callId: coVisits.callId,
  callDate: calls.callDate,
  doctorName: doctors.name,
  hospitalName: hospitals.name,
  managerId: coVisits.managerId,
  managerName: manager.name,
  repId: coVisits.repId,
  repName: rep.name,
  evaluations: coVisits.evaluations,
  strengths: coVisits.strengths,
  improvements: coVisits.improvements,
  acknowledgedAt: coVisits.acknowledgedAt,
  repComment: coVisits.repComment,
  version: coVisits.version,
  createdAt: coVisits.createdAt,
};

function coVisitsQuery(db: Db) {
  return db
    .select(columns)
    .from(coVisits)
    .innerJoin(calls, eq(calls.id, coVisits.callId))
    .innerJoin(doctors, eq(doctors.id, calls.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, calls.hospitalId))
    .innerJoin(manager, eq(manager.id, coVisits.managerId))
    .innerJoin(rep, eq(rep.id, coVisits.repId));
}

const withIso = <T extends { acknowledgedAt: string | null; createdAt: string }>(r: T) => ({
  ...r,
  acknowledgedAt: toIso(r.acknowledgedAt),
  createdAt: toIso(r.createdAt),
});

export type CoVisitFilters = {
  scope?: SQL;
  repId?: string;
  managerId?: string;
  acknowledged?: boolean;
  from?: string;
  to?: string;
};

const sortable = { callDate: calls.callDate, createdAt: coVisits.createdAt };

export async function findCoVisits(
  db: Db,
  f: CoVisitFilters,
  page: { page: number; pageSize: number; sort?: string },
) {
  const w = and(
    f.scope,
    f.repId ? eq(coVisits.repId, f.repId) : undefined,
    f.managerId ? eq(coVisits.managerId, f.managerId) : undefined,
    f.acknowledged === undefined
      ? undefined
      : f.acknowledged
        ? isNotNull(coVisits.acknowledgedAt)
        : isNull(coVisits.acknowledgedAt),
    f.from ? gte(calls.callDate, f.from) : undefined,
    f.to ? lte(calls.callDate, f.to) : undefined,
  );
  const [rows, [c]] = await Promise.all([
    coVisitsQuery(db)
      .where(w)
      .orderBy(...orderBy(page.sort, sortable, '-callDate', coVisits.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(coVisits).innerJoin(calls, eq(calls.id, coVisits.callId)).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getCoVisit(db: Db, id: string, scope?: SQL) {
  const [row] = await coVisitsQuery(db).where(and(eq(coVisits.id, id), scope));
  return row && withIso(row);
}
export type CoVisitRow = NonNullable<Awaited<ReturnType<typeof getCoVisit>>>;

export async function getCoVisitOfCall(db: Db, callId: string) {
  const [row] = await db.select({ id: coVisits.id }).from(coVisits).where(eq(coVisits.callId, callId));
  return row;
}

export async function insertCoVisit(
  tx: Db,
  v: {
    callId: string;
    managerId: string;
    repId: string;
    evaluations: unknown[];
    strengths: string | null;
    improvements: string | null;
  },
) {
  const [row] = await tx.insert(coVisits).values(v).returning({ id: coVisits.id });
  return row!.id;
}

/** The call a co-visit is about, within `scope` (the manager's users), with its owner's role. */
export async function getCallForCoVisit(db: Db, callId: string, scope?: SQL) {
  const owner = alias(users, 'call_owner');
  const [row] = await db
    .select({ id: calls.id, ownerId: calls.ownerId, status: calls.status, ownerRole: owner.role })
    .from(calls)
    .innerJoin(owner, eq(owner.id, calls.ownerId))
    .where(and(eq(calls.id, callId), scope));
  return row;
}

export { calls, coVisits };

import { and, eq, lt, not, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { doctors, followUps, hospitals, users } from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

const owner = alias(users, 'follow_up_owner');
const columns = {
  id: followUps.id,
  callId: followUps.callId,
  ownerId: followUps.ownerId,
  ownerName: owner.name,
  doctorId: followUps.doctorId,
  doctorName: doctors.name,
  hospitalName: hospitals.name,
  title: followUps.title,
  dueDate: followUps.dueDate,
  status: followUps.status,
  resolvedAt: followUps.resolvedAt,
  resolutionNote: followUps.resolutionNote,
  version: followUps.version,
  createdAt: followUps.createdAt,
};

function followUpsQuery(db: Db) {
  return db
    .select(columns)
    .from(followUps)
    .innerJoin(owner, eq(owner.id, followUps.ownerId))
    .innerJoin(doctors, eq(doctors.id, followUps.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId));
}

const withIso = <T extends { resolvedAt: string | null; createdAt: string }>(r: T) => ({
  ...r,
  resolvedAt: toIso(r.resolvedAt),
  createdAt: toIso(r.createdAt),
});

export type FollowUpFilters = {
  scope?: SQL;
  ownerId?: string;
  doctorId?: string;
  status?: string;
  /** open and due before `today` (true), or not (false) */
  overdue?: boolean;
  today: string;
  dueBefore?: string;
  q?: string;
};

const sortable = {
  dueDate: followUps.dueDate,
  createdAt: followUps.createdAt,
  status: followUps.status,
  doctorName: doctors.name,
};

export async function findFollowUps(
  db: Db,
  f: FollowUpFilters,
  page: { page: number; pageSize: number; sort?: string },
) {
  const overdue = and(eq(followUps.status, 'open'), lt(followUps.dueDate, f.today));
  const pattern = f.q ? likePattern(f.q) : undefined;
  const w = and(
    f.scope,
    f.ownerId ? eq(followUps.ownerId, f.ownerId) : undefined,
    f.doctorId ? eq(followUps.doctorId, f.doctorId) : undefined,
    f.status ? eq(followUps.status, f.status as never) : undefined,
    f.overdue === undefined ? undefined : f.overdue ? overdue : not(overdue!),
    f.dueBefore ? lt(followUps.dueDate, f.dueBefore) : undefined,
    pattern ? or(sql`${followUps.title} ilike ${pattern}`, sql`${doctors.name} ilike ${pattern}`) : undefined,
  );
  const [rows, [c]] = await Promise.all([
    followUpsQuery(db)
      .where(w)
      .orderBy(...orderBy(page.sort, sortable, 'dueDate', followUps.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(followUps)
      .innerJoin(doctors, eq(doctors.id, followUps.doctorId))
      .where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getFollowUp(db: Db, id: string, scope?: SQL) {
  const [row] = await followUpsQuery(db).where(and(eq(followUps.id, id), scope));
  return row && withIso(row);
}
export type FollowUpRow = NonNullable<Awaited<ReturnType<typeof getFollowUp>>>;

export { followUps };

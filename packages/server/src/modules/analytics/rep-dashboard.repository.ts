/**
 * The rep home's own figures (today's plan, overdue follow-ups, ladder and stage moves), each counted in SQL.
 * Frequency, care dates, sales and KPIs come from their modules' queries (see rep-dashboard.service.ts).
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  doctorLadderHistory,
  doctorStageHistory,
  doctors,
  followUps,
  hospitals,
  plannedCalls,
  products,
} from '../../db/schema.ts';

/**
 * A submitted call recorded for the planned call (the planned call may not be marked done yet). Written out in
 * full: drizzle leaves a column of the only table in FROM unqualified, which inside the subquery would name c.id.
 * calls has no index on planned_call_id; the owner narrows it through calls_owner_date_idx.
 */
const submittedCall = sql.raw(
  `select c.id from calls c where c.owner_id = planned_calls.owner_id and c.planned_call_id = planned_calls.id and c.status = 'submitted'`,
);
const submittedCallOf = sql<string | null>`(${submittedCall} order by c.start_at limit 1)`;

/** Today's planned calls of the owner (cancelled ones left out), by half-day and time. */
export async function findPlannedCallsOn(db: Db, ownerId: string, date: string) {
  const rows = await db
    .select({
      plannedCallId: plannedCalls.id,
      doctorId: plannedCalls.doctorId,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      halfDay: plannedCalls.halfDay,
      startTime: plannedCalls.startTime,
      plannedStatus: plannedCalls.status,
      callId: submittedCallOf,
    })
    .from(plannedCalls)
    .innerJoin(doctors, eq(doctors.id, plannedCalls.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, plannedCalls.hospitalId))
    .where(
      and(
        eq(plannedCalls.ownerId, ownerId),
        eq(plannedCalls.date, date),
        ne(plannedCalls.status, 'cancelled'),
      ),
    )
    .orderBy(
      asc(plannedCalls.halfDay),
      sql`${plannedCalls.startTime} nulls last`,
      asc(doctors.name),
      asc(plannedCalls.id),
    );
  return rows.map(({ plannedStatus, ...r }) => ({
    ...r,
    status: plannedStatus === 'done' || r.callId ? ('done' as const) : ('planned' as const),
  }));
}

/** Planned (not cancelled) and done calls of the owner on a day; done as in findPlannedCallsOn. */
export async function countPlannedCallsOn(db: Db, ownerId: string, date: string) {
  const [row] = await db
    .select({
      planned: sql<number>`count(*)::int`,
      done: sql<number>`(count(*) filter (where ${plannedCalls.status} = 'done' or exists (${submittedCall})))::int`,
    })
    .from(plannedCalls)
    .where(
      and(
        eq(plannedCalls.ownerId, ownerId),
        eq(plannedCalls.date, date),
        ne(plannedCalls.status, 'cancelled'),
      ),
    );
  return { planned: row?.planned ?? 0, done: row?.done ?? 0 };
}

const overdue = (ownerId: string, today: string) =>
  and(eq(followUps.ownerId, ownerId), eq(followUps.status, 'open'), lt(followUps.dueDate, today));

/** Open follow-ups of the owner past their due date: how many, and the `limit` oldest. */
export async function findOverdueFollowUps(db: Db, ownerId: string, today: string, limit: number) {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(followUps)
    .where(overdue(ownerId, today));
  const items = await db
    .select({
      id: followUps.id,
      title: followUps.title,
      dueDate: followUps.dueDate,
      overdueDays: sql<number>`(${today}::date - ${followUps.dueDate})::int`,
      doctorId: followUps.doctorId,
      doctorName: doctors.name,
    })
    .from(followUps)
    .innerJoin(doctors, eq(doctors.id, followUps.doctorId))
    .where(overdue(ownerId, today))
    .orderBy(asc(followUps.dueDate), asc(followUps.id))
    .limit(limit);
  return { count: count?.n ?? 0, items };
}

export type MovementFilter = {
  /** The rep's doctors: a condition on the doctor's hospital (scope.ts for the rep) */
  hospitalScope: SQL | undefined;
  from: string;
  to: string;
  /** Ladder moves of this product only (stage moves have no product) */
  productId?: string;
};

/**
 * Ladder 阶梯 and relationship-stage 关系阶段 moves of the rep's doctors in the period, counted in SQL; a first
 * assessment (no from) and a same-level record are not moves.
 */
export async function countMovements(db: Db, f: MovementFilter) {
  const [ladder] = await db
    .select({
      up: sql<number>`(count(*) filter (where ${doctorLadderHistory.toStep} > ${doctorLadderHistory.fromStep}))::int`,
      down: sql<number>`(count(*) filter (where ${doctorLadderHistory.toStep} < ${doctorLadderHistory.fromStep}))::int`,
    })
    .from(doctorLadderHistory)
    .innerJoin(doctors, eq(doctors.id, doctorLadderHistory.doctorId))
    .where(ladderWhere(f));
  const [stage] = await db
    .select({
      up: sql<number>`(count(*) filter (where ${doctorStageHistory.toStage} > ${doctorStageHistory.fromStage}))::int`,
      down: sql<number>`(count(*) filter (where ${doctorStageHistory.toStage} < ${doctorStageHistory.fromStage}))::int`,
    })
    .from(doctorStageHistory)
    .innerJoin(doctors, eq(doctors.id, doctorStageHistory.doctorId))
    .where(stageWhere(f));
  return {
    ladderUp: ladder?.up ?? 0,
    ladderDown: ladder?.down ?? 0,
    stageUp: stage?.up ?? 0,
    stageDown: stage?.down ?? 0,
  };
}

const ladderWhere = (f: MovementFilter) =>
  and(
    f.hospitalScope,
    gte(doctorLadderHistory.changedOn, f.from),
    lte(doctorLadderHistory.changedOn, f.to),
    sql`${doctorLadderHistory.fromStep} is not null`,
    ne(doctorLadderHistory.toStep, sql`${doctorLadderHistory.fromStep}`),
    f.productId ? eq(doctorLadderHistory.productId, f.productId) : undefined,
  );
const stageWhere = (f: MovementFilter) =>
  and(
    f.hospitalScope,
    gte(doctorStageHistory.changedOn, f.from),
    lte(doctorStageHistory.changedOn, f.to),
    sql`${doctorStageHistory.fromStage} is not null`,
    ne(doctorStageHistory.toStage, sql`${doctorStageHistory.fromStage}`),
  );

/** The latest `limit` moves (ladder and stage together), newest first. */
export async function findMovements(db: Db, f: MovementFilter, limit: number) {
  const ladder = await db
    .select({
      doctorId: doctorLadderHistory.doctorId,
      doctorName: doctors.name,
      productName: products.name,
      from: sql<number>`${doctorLadderHistory.fromStep}`,
      to: doctorLadderHistory.toStep,
      date: doctorLadderHistory.changedOn,
      createdAt: doctorLadderHistory.createdAt,
    })
    .from(doctorLadderHistory)
    .innerJoin(doctors, eq(doctors.id, doctorLadderHistory.doctorId))
    .innerJoin(products, eq(products.id, doctorLadderHistory.productId))
    .where(ladderWhere(f))
    .orderBy(desc(doctorLadderHistory.changedOn), desc(doctorLadderHistory.createdAt))
    .limit(limit);
  const stage = await db
    .select({
      doctorId: doctorStageHistory.doctorId,
      doctorName: doctors.name,
      from: sql<number>`${doctorStageHistory.fromStage}`,
      to: doctorStageHistory.toStage,
      date: doctorStageHistory.changedOn,
      createdAt: doctorStageHistory.createdAt,
    })
    .from(doctorStageHistory)
    .innerJoin(doctors, eq(doctors.id, doctorStageHistory.doctorId))
    .where(stageWhere(f))
    .orderBy(desc(doctorStageHistory.changedOn), desc(doctorStageHistory.createdAt))
    .limit(limit);
  return [
    ...ladder.map((m) => ({ ...m, kind: 'ladder' as const })),
    ...stage.map((m) => ({ ...m, kind: 'stage' as const, productName: null })),
  ]
    .sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : a.date < b.date ? 1 : -1))
    .slice(0, limit)
    .map(({ createdAt: _createdAt, ...m }) => m);
}

/** Names of products, by id. */
export async function findProductNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(inArray(products.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export { doctors };

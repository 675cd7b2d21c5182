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
 * It reads calls by calls_planned_call_idx (migration 0011), one look-up per planned call of the day.
 */
const submittedCall = sql.raw(
  `select c.id from calls c where c.owner_id = planned_calls.owner_id and c.planned_call_id = planned_calls.id and c.status = 'submitted'`,
);
const submittedCallOf = sql<string | null>`(${submittedCall} order by c.start_at limit 1)`;

/**
 * Today's planned calls of the owner (cancelled ones left out), by half-day and time; a call is done when marked
 * done or a submitted call was recorded for it. The day's planned and done counts are these rows counted.
 */
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

const overdue = (ownerId: string, today: string) =>
  and(eq(followUps.ownerId, ownerId), eq(followUps.status, 'open'), lt(followUps.dueDate, today));

/**
 * Open follow-ups of the owner past their due date: how many, and the `limit` oldest — one statement, the count
 * a window over every matching row (counted before the limit).
 */
export async function findOverdueFollowUps(db: Db, ownerId: string, today: string, limit: number) {
  const rows = await db
    .select({
      id: followUps.id,
      title: followUps.title,
      dueDate: followUps.dueDate,
      overdueDays: sql<number>`(${today}::date - ${followUps.dueDate})::int`,
      doctorId: followUps.doctorId,
      doctorName: doctors.name,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(followUps)
    .innerJoin(doctors, eq(doctors.id, followUps.doctorId))
    .where(overdue(ownerId, today))
    .orderBy(asc(followUps.dueDate), asc(followUps.id))
    .limit(limit);
  return { count: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...r }) => r) };
}

export type MovementFilter = {
  /** The rep's doctors: a condition on the doctor's hospital (scope.ts for the rep) */
  hospitalScope: SQL | undefined;
  from: string;
  to: string;
  /** Ladder moves of this product only (stage moves have no product) */
  productId?: string;
};

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

/**
 * Ladder 阶梯 and relationship-stage 关系阶段 moves of the rep's doctors in the period: up and down counted in SQL
 * (windows over every move, counted before the limit) and the latest `limit` moves of both kinds, newest first —
 * one statement per kind. A first assessment (no from) and a same-level record are not moves.
 */
export async function findMovements(db: Db, f: MovementFilter, limit: number) {
  const ladderUp = sql`${doctorLadderHistory.toStep} > ${doctorLadderHistory.fromStep}`;
  const ladderDown = sql`${doctorLadderHistory.toStep} < ${doctorLadderHistory.fromStep}`;
  const stageUp = sql`${doctorStageHistory.toStage} > ${doctorStageHistory.fromStage}`;
  const stageDown = sql`${doctorStageHistory.toStage} < ${doctorStageHistory.fromStage}`;
  const countOver = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}) over ())::int`;
  const ladder = await db
    .select({
      doctorId: doctorLadderHistory.doctorId,
      doctorName: doctors.name,
      productName: products.name,
      from: sql<number>`${doctorLadderHistory.fromStep}`,
      to: doctorLadderHistory.toStep,
      date: doctorLadderHistory.changedOn,
      createdAt: doctorLadderHistory.createdAt,
      up: countOver(ladderUp),
      down: countOver(ladderDown),
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
      up: countOver(stageUp),
      down: countOver(stageDown),
    })
    .from(doctorStageHistory)
    .innerJoin(doctors, eq(doctors.id, doctorStageHistory.doctorId))
    .where(stageWhere(f))
    .orderBy(desc(doctorStageHistory.changedOn), desc(doctorStageHistory.createdAt))
    .limit(limit);
  const items = [
    ...ladder.map((m) => ({ ...m, kind: 'ladder' as const })),
    ...stage.map((m) => ({ ...m, kind: 'stage' as const, productName: null })),
  ]
    .sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : a.date < b.date ? 1 : -1))
    .slice(0, limit)
    .map(({ createdAt: _createdAt, up: _up, down: _down, ...m }) => m);
  return {
    ladderUp: ladder[0]?.up ?? 0,
    ladderDown: ladder[0]?.down ?? 0,
    stageUp: stage[0]?.up ?? 0,
    stageDown: stage[0]?.down ?? 0,
    items,
  };
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

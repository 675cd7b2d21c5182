import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { speakerFeeKind } from '@keqing/domain';
import type { Db } from '../../db/client.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';
import {
  calls,
  careActions,
  carePlanApprovals,
  carePlanItems,
  carePlans,
  doctors,
  hospitals,
  users,
} from '../../db/schema.ts';

const owner = alias(users, 'owner');
const decider = alias(users, 'decider');

/** The first and last day of a calendar year, for `action_date between`. */
export const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
const inYear = (year: number) =>
  and(gte(careActions.actionDate, yearRange(year).from), lte(careActions.actionDate, yearRange(year).to));

// ── Doctors and calls ────────────────────────────────────────────────────────

export async function findDoctors(db: Db, ids: readonly string[], scope?: SQL) {
  if (ids.length === 0) return [];
  return db
    .select({ id: doctors.id, hospitalId: doctors.hospitalId, mergedInto: doctors.mergedInto })
    .from(doctors)
    .where(and(inArray(doctors.id, [...new Set(ids)]), scope));
}

/**
 * Locks the doctor row for the rest of the transaction: two care actions on the same doctor (by any reps) are
 * checked against the year total one after the other, so both cannot slip under the cap together. "No key
 * update" serialises them just as well (it conflicts with itself) without blocking the key-share locks that
 * inserting any row referencing the doctor takes (calls, scores): FOR UPDATE waited on those and could
 * deadlock with a transaction that inserts such a row and then locks the doctor (see segmentation's lockDoctor).
 */
export async function lockDoctor(tx: Db, doctorId: string) {
  await tx.select({ id: doctors.id }).from(doctors).where(eq(doctors.id, doctorId)).for('no key update');
}

/** The caller's own call with that doctor (a care action may name the call it was given at). */
export async function findOwnCall(db: Db, callId: string, ownerId: string, doctorId: string) {
  const [row] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.id, callId), eq(calls.ownerId, ownerId), eq(calls.doctorId, doctorId)));
  return row;
}

/**
 * Everything given to a doctor, shaped like care_actions and named so (the scope and filters on care_actions'
 * columns apply unchanged): the care actions, plus 学术会议 spend — each speaker's fee + travel (kind 'speakerFee')
 * of approved, held or closed events, and each signed-in attendee's equal share of the meal (kind 'meal', the
 * remainder fen going to the first attendees by id) of held or closed events — on the event date, owned by the
 * event's organiser. Selected fields name its columns as SQL (drizzle refuses a table column from a derived table).
 */
export const careSpend = sql`(
  select ca.doctor_id, ca.owner_id, ca.kind, ca.value_fen, ca.action_date, ca.care_plan_item_id from care_actions ca
  union all
  select es.doctor_id, ev.owner_id, 'speakerFee', (es.fee_fen + es.travel_fen)::int, ev.event_date, null::uuid
    from event_speakers es join academic_events ev on ev.id = es.event_id
    where ev.status in ('approved', 'held', 'closed') and es.fee_fen + es.travel_fen > 0
  union all
  select at.doctor_id, ev.owner_id, 'meal',
      (ev.meal_cost_fen / at.n + case when at.rn <= ev.meal_cost_fen % at.n then 1 else 0 end)::int, ev.event_date,
      null::uuid
    from (select a.event_id, a.doctor_id, row_number() over (partition by a.event_id order by a.doctor_id) as rn,
            count(*) over (partition by a.event_id) as n
          from event_attendees a where a.signed_in_at is not null) at
    join academic_events ev on ev.id = at.event_id
    where ev.status in ('held', 'closed') and ev.meal_cost_fen > 0
) as "care_actions"`;

/** Each doctor's care total for the year, all reps together (0 when nothing was given). */
export async function yearTotals(
  db: Db,
  doctorIds: readonly string[],
  year: number,
  exceptItemsOfPlan?: string,
): Promise<Map<string, number>> {
  const result = new Map<string, number>(doctorIds.map((id) => [id, 0]));
  if (doctorIds.length === 0) return result;
  // what the doctor received this year against the care cap: care actions and event meals (speaker fees have caps of their own)
  const rows = await db
    .select({
      doctorId: sql<string>`"care_actions"."doctor_id"`,
      total: sql<number>`coalesce(sum(${careActions.valueFen}), 0)::int`,
    })
    .from(careSpend)
    .where(
      and(
        inArray(careActions.doctorId, [...new Set(doctorIds)]),
        inYear(year),
        sql`"care_actions"."kind" <> ${speakerFeeKind}`,
        exceptItemsOfPlan
          ? sql`(${careActions.carePlanItemId} is null or ${careActions.carePlanItemId} not in (select i.id from care_plan_items i where i.care_plan_id = ${exceptItemsOfPlan}))`
          : undefined,
      ),
    )
    .groupBy(careActions.doctorId);
  for (const r of rows) result.set(r.doctorId, Number(r.total));
  return result;
}

// ── Care actions ─────────────────────────────────────────────────────────────

const actionColumns = {
  id: careActions.id,
  ownerId: careActions.ownerId,
  ownerName: owner.name,
  doctorId: careActions.doctorId,
  doctorName: doctors.name,
  hospitalName: hospitals.name,
  kind: careActions.kind,
  actionDate: careActions.actionDate,
  valueFen: careActions.valueFen,
  purpose: careActions.purpose,
  evidenceNote: careActions.evidenceNote,
  festival: careActions.festival,
  callId: careActions.callId,
  carePlanItemId: careActions.carePlanItemId,
  carePlanId: carePlanItems.carePlanId,
  version: careActions.version,
  createdAt: careActions.createdAt,
};

function actionsQuery(db: Db) {
  return db
    .select(actionColumns)
    .from(careActions)
    .innerJoin(owner, eq(owner.id, careActions.ownerId))
    .innerJoin(doctors, eq(doctors.id, careActions.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, careActions.hospitalId))
    .leftJoin(carePlanItems, eq(carePlanItems.id, careActions.carePlanItemId));
}
const actionOut = <T extends { createdAt: string }>(r: T) => ({ ...r, createdAt: toIso(r.createdAt) });

export type ActionFilter = {
  ownerId?: string;
  doctorId?: string;
  kind?: string;
  from?: string;
  to?: string;
  scope?: SQL;
};
const actionWhere = (f: ActionFilter) =>
  and(
    f.ownerId ? eq(careActions.ownerId, f.ownerId) : undefined,
    f.doctorId ? eq(careActions.doctorId, f.doctorId) : undefined,
    f.kind ? eq(careActions.kind, f.kind) : undefined,
    f.from ? gte(careActions.actionDate, f.from) : undefined,
    f.to ? lte(careActions.actionDate, f.to) : undefined,
    f.scope,
  );

export async function findActions(db: Db, f: ActionFilter, page: { page: number; pageSize: number }) {
  const w = actionWhere(f);
  const [rows, [c]] = await Promise.all([
    actionsQuery(db)
      .where(w)
      .orderBy(desc(careActions.actionDate), desc(careActions.createdAt), asc(careActions.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(careActions).where(w),
  ]);
  return { rows: rows.map(actionOut), total: c?.n ?? 0 };
}

export async function getAction(db: Db, id: string, scope?: SQL) {
  const [row] = await actionsQuery(db).where(and(eq(careActions.id, id), scope));
  return row && actionOut(row);
}

/** Actions of a year at or above a value (the compliance dashboard narrows further by each doctor's tier). */
export async function findActionsFrom(db: Db, year: number, minFen: number, scope?: SQL) {
  const rows = await actionsQuery(db)
    .where(and(inYear(year), gte(careActions.valueFen, minFen), scope))
    .orderBy(desc(careActions.valueFen), desc(careActions.actionDate), asc(careActions.id))
    .limit(1000);
  return rows.map(actionOut);
}

export async function insertAction(tx: Db, values: typeof careActions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(careActions).values(values).returning({ id: careActions.id });
  return row!.id;
}

// ── Care plans ───────────────────────────────────────────────────────────────

const planColumns = {
  id: carePlans.id,
  ownerId: carePlans.ownerId,
  ownerName: owner.name,
  ownerTeamId: owner.teamId,
  title: carePlans.title,
  kind: carePlans.kind,
  festival: carePlans.festival,
  plannedDate: carePlans.plannedDate,
  purpose: carePlans.purpose,
  status: carePlans.status,
  needsCompliance: carePlans.needsCompliance,
  totalFen: sql<number>`(select coalesce(sum(i.value_fen), 0)::int from care_plan_items i where i.care_plan_id = ${carePlans.id})`,
  submittedAt: carePlans.submittedAt,
  version: carePlans.version,
  createdAt: carePlans.createdAt,
  updatedAt: carePlans.updatedAt,
};
const planOut = <
  T extends { createdAt: string; updatedAt: string; submittedAt: string | null; totalFen: number },
>(
  r: T,
) => ({
  ...r,
  totalFen: Number(r.totalFen),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
  submittedAt: toIso(r.submittedAt),
});
const plansQuery = (db: Db) =>
  db.select(planColumns).from(carePlans).innerJoin(owner, eq(owner.id, carePlans.ownerId));
export type PlanRow = NonNullable<Awaited<ReturnType<typeof getPlan>>>;

export async function findPlans(
  db: Db,
  f: { ownerId?: string; status?: string; scope?: SQL; awaiting?: SQL },
  page: { page: number; pageSize: number },
) {
  const w = and(
    f.ownerId ? eq(carePlans.ownerId, f.ownerId) : undefined,
    f.status ? eq(carePlans.status, f.status as 'draft') : undefined,
    f.scope,
    f.awaiting,
  );
  const [rows, [c]] = await Promise.all([
    plansQuery(db)
      .where(w)
      .orderBy(desc(carePlans.updatedAt), asc(carePlans.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(carePlans).innerJoin(owner, eq(owner.id, carePlans.ownerId)).where(w),
  ]);
  return { rows: rows.map(planOut), total: c?.n ?? 0 };
}

export async function getPlan(db: Db, id: string, scope?: SQL) {
  const [row] = await plansQuery(db).where(and(eq(carePlans.id, id), scope));
  return row && planOut(row);
}

/** Locks a plan for a state change (decisions, execution) so two requests cannot both move it. */
export async function lockPlan(tx: Db, id: string) {
  await tx.select({ id: carePlans.id }).from(carePlans).where(eq(carePlans.id, id)).for('update');
}

/** Condition: submitted plans of the reps in the teams the manager leads. */
export const awaitingManager = (managerId: string) =>
  sql`(${carePlans.status} = 'submitted' and ${owner.teamId} in (select t.id from teams t where t.manager_id = ${managerId}) and ${carePlans.ownerId} <> ${managerId})`;
export const awaitingCompliance = sql`(${carePlans.status} = 'managerApproved' and ${carePlans.needsCompliance})`;
export const noPlans = sql`false`;

export async function findItems(db: Db, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  const rows = await db
    .select({
      id: carePlanItems.id,
      carePlanId: carePlanItems.carePlanId,
      doctorId: carePlanItems.doctorId,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      kind: carePlanItems.kind,
      valueFen: carePlanItems.valueFen,
      purpose: carePlanItems.purpose,
      careActionId: careActions.id,
      feedback: carePlanItems.feedback,
      feedbackAt: carePlanItems.feedbackAt,
    })
    .from(carePlanItems)
    .innerJoin(doctors, eq(doctors.id, carePlanItems.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, carePlanItems.hospitalId))
    .leftJoin(careActions, eq(careActions.carePlanItemId, carePlanItems.id))
    .where(inArray(carePlanItems.carePlanId, [...planIds]))
    .orderBy(asc(carePlanItems.id));
  return rows.map((r) => ({ ...r, feedbackAt: toIso(r.feedbackAt) }));
}

export async function findApprovals(db: Db, planId: string) {
  const rows = await db
    .select({
      step: carePlanApprovals.step,
      decision: carePlanApprovals.decision,
      decidedById: carePlanApprovals.decidedBy,
      decidedByName: decider.name,
      comment: carePlanApprovals.comment,
      decidedAt: carePlanApprovals.decidedAt,
    })
    .from(carePlanApprovals)
    .innerJoin(decider, eq(decider.id, carePlanApprovals.decidedBy))
    .where(eq(carePlanApprovals.carePlanId, planId))
    .orderBy(asc(carePlanApprovals.decidedAt), asc(carePlanApprovals.id));
  return rows.map((r) => ({
    step: r.step,
    decision: r.decision,
    decidedBy: { id: r.decidedById, name: r.decidedByName },
    comment: r.comment,
    decidedAt: toIso(r.decidedAt),
  }));
}

export type ItemValues = {
  doctorId: string;
  hospitalId: string;
  kind: string;
  valueFen: number;
  purpose: string | null;
};

export async function insertPlan(tx: Db, values: typeof carePlans.$inferInsert): Promise<string> {
  const [row] = await tx.insert(carePlans).values(values).returning({ id: carePlans.id });
  return row!.id;
}

/**
 * Time-ordered ids (UUID v7 layout: milliseconds, then the position) so items keep the order they were entered in
 * without a position column; the year-cap check adds a doctor's items up in that order.
 */
function orderedIds(n: number): string[] {
  const ms = Date.now().toString(16).padStart(12, '0');
  return Array.from({ length: n }, (_, i) => {
    const tail = randomUUID().slice(19);
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${i.toString(16).padStart(3, '0')}-${tail}`;
  });
}

/** A plan's items are replaced as a whole while it is a draft (no item has an action then). */
export async function replaceItems(tx: Db, planId: string, items: ItemValues[]) {
  await tx.delete(carePlanItems).where(eq(carePlanItems.carePlanId, planId));
  const ids = orderedIds(items.length);
  if (items.length)
    await tx
      .insert(carePlanItems)
      .values(items.map((item, n) => ({ ...item, id: ids[n], carePlanId: planId })));
}

export async function setNeedsCompliance(tx: Db, planId: string, needsCompliance: boolean) {
  await tx.update(carePlans).set({ needsCompliance }).where(eq(carePlans.id, planId));
}

export async function insertApproval(tx: Db, values: typeof carePlanApprovals.$inferInsert) {
  await tx.insert(carePlanApprovals).values(values);
}

/** A plan item with its plan's state and whether an action already uses it. */
export async function getItemForAction(tx: Db, itemId: string) {
  const [row] = await tx
    .select({
      id: carePlanItems.id,
      carePlanId: carePlanItems.carePlanId,
      doctorId: carePlanItems.doctorId,
      kind: carePlanItems.kind,
      valueFen: carePlanItems.valueFen,
      planOwnerId: carePlans.ownerId,
      planStatus: carePlans.status,
      planNeedsCompliance: carePlans.needsCompliance,
      actionId: careActions.id,
    })
    .from(carePlanItems)
    .innerJoin(carePlans, eq(carePlans.id, carePlanItems.carePlanId))
    .leftJoin(careActions, eq(careActions.carePlanItemId, carePlanItems.id))
    .where(eq(carePlanItems.id, itemId));
  return row;
}

export async function countOpenItems(tx: Db, planId: string): Promise<number> {
  const [row] = await tx
    .select({ n: countAll })
    .from(carePlanItems)
    .leftJoin(careActions, eq(careActions.carePlanItemId, carePlanItems.id))
    .where(and(eq(carePlanItems.carePlanId, planId), isNull(careActions.id)));
  return row?.n ?? 0;
}

/** Every item has its action: the plan is executed (its version moves, so a stale edit is refused). */
export async function markExecuted(tx: Db, planId: string) {
  await tx
    .update(carePlans)
    .set({ status: 'executed', version: sql`${carePlans.version} + 1`, updatedAt: sql`now()` })
    .where(eq(carePlans.id, planId));
}

/** Ids of the users in a scope; null when the scope is everyone. */
export async function visibleUserIds(db: Db, scope: SQL | undefined): Promise<Set<string> | null> {
  if (!scope) return null;
  const rows = await db.select({ id: users.id }).from(users).where(scope);
  return new Set(rows.map((r) => r.id));
}

export async function setFeedback(tx: Db, itemId: string, feedback: string) {
  await tx
    .update(carePlanItems)
    .set({ feedback, feedbackAt: sql`now()` })
    .where(eq(carePlanItems.id, itemId));
}

// ── Compliance: annual totals, dashboard ─────────────────────────────────────

/** Per doctor (in the scope) for the year: total, count and distinct reps — ALL reps' actions (and events) together. */
export async function annualTotals(db: Db, year: number, f: { doctorId?: string; scope?: SQL }) {
  const w = and(inYear(year), f.doctorId ? eq(careActions.doctorId, f.doctorId) : undefined, f.scope);
  const [totals, byKind] = await Promise.all([
    db
      .select({
        id: sql<string>`"care_actions"."doctor_id"`,
        doctorName: doctors.name,
        hospitalName: hospitals.name,
        totalFen: sql<number>`sum(${careActions.valueFen})::int`,
        actions: sql<number>`count(*)::int`,
        reps: sql<number>`count(distinct ${careActions.ownerId})::int`,
      })
      .from(careSpend)
      .innerJoin(doctors, eq(doctors.id, careActions.doctorId))
      .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
      .where(w)
      .groupBy(careActions.doctorId, doctors.name, hospitals.name)
      .orderBy(desc(sql`sum(${careActions.valueFen})`), asc(careActions.doctorId)),
    db
      .select({
        doctorId: sql<string>`"care_actions"."doctor_id"`,
        kind: sql<string>`"care_actions"."kind"`,
        totalFen: sql<number>`sum(${careActions.valueFen})::int`,
      })
      .from(careSpend)
      .where(w)
      .groupBy(careActions.doctorId, careActions.kind),
  ]);
  const kinds = new Map<string, Record<string, number>>();
  for (const k of byKind) kinds.set(k.doctorId, { ...kinds.get(k.doctorId), [k.kind]: Number(k.totalFen) });
  return totals.map((t) => ({
    ...t,
    totalFen: Number(t.totalFen),
    actions: Number(t.actions),
    reps: Number(t.reps),
    byKind: kinds.get(t.id) ?? {},
  }));
}

/** Each rep's (or manager's) care spend in the year, company-wide: the baseline for "unusual". */
export async function spendByOwner(db: Db, year: number) {
  const rows = await db
    .select({
      ownerId: careActions.ownerId,
      ownerName: owner.name,
      totalFen: sql<number>`sum(${careActions.valueFen})::int`,
    })
    .from(careActions)
    .innerJoin(owner, eq(owner.id, careActions.ownerId))
    .where(inYear(year))
    .groupBy(careActions.ownerId, owner.name);
  return rows.map((r) => ({ ...r, totalFen: Number(r.totalFen) }));
}

export async function totalInScope(db: Db, year: number, scope?: SQL): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${careActions.valueFen}), 0)::int` })
    .from(careActions)
    .where(and(inYear(year), scope));
  return Number(row?.total ?? 0);
}

/** Rejected plans planned in the year, with the time of the (latest) rejection. */
export async function rejectedPlans(db: Db, year: number, scope?: SQL) {
  const range = yearRange(year);
  const rows = await db
    .select({
      id: carePlans.id,
      title: carePlans.title,
      ownerName: owner.name,
      totalFen: planColumns.totalFen,
      decidedAt: sql<string>`(select max(a.decided_at) from care_plan_approvals a where a.care_plan_id = ${carePlans.id} and a.decision = 'rejected')`,
    })
    .from(carePlans)
    .innerJoin(owner, eq(owner.id, carePlans.ownerId))
    .where(
      and(
        eq(carePlans.status, 'rejected'),
        gte(carePlans.plannedDate, range.from),
        lte(carePlans.plannedDate, range.to),
        scope,
      ),
    )
    .orderBy(desc(carePlans.updatedAt))
    .limit(200);
  return rows.map((r) => ({
    ...r,
    totalFen: Number(r.totalFen),
    decidedAt: toIso(r.decidedAt ?? new Date(0).toISOString()),
  }));
}

export { careActions, carePlanItems, carePlans, doctors, owner, users };

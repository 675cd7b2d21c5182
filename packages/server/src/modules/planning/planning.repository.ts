import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  calls,
  cyclePlans,
  departments,
  doctorProductStatus,
  doctors,
  hospitals,
  plannedCalls,
  products,
  users,
  weeklyPlans,
} from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

type Page = { page: number; pageSize: number };

// ── Cycle plans 周期计划 ──────────────────────────────────────────────────────

/** Calls still in the plan: cancelled ones stay as history but count nowhere. */
const liveCall = ne(plannedCalls.status, 'cancelled');

const cyclePlanColumns = {
  id: cyclePlans.id,
  ownerId: cyclePlans.ownerId,
  ownerName: users.name,
  cycleStart: cyclePlans.cycleStart,
  cycleEnd: cyclePlans.cycleEnd,
  status: cyclePlans.status,
  workingDays: cyclePlans.workingDays,
  hospitalDays: cyclePlans.hospitalDays,
  developDepartmentIds: cyclePlans.developDepartmentIds,
  developDoctorIds: cyclePlans.developDoctorIds,
  promotionalActivities: cyclePlans.promotionalActivities,
  notes: cyclePlans.notes,
  quality: cyclePlans.quality,
  underServed: cyclePlans.underServed,
  generatedAt: cyclePlans.generatedAt,
  plannedCallCount: sql<number>`(select count(*)::int from planned_calls pc where pc.cycle_plan_id = ${cyclePlans.id} and pc.status <> 'cancelled')`,
  version: cyclePlans.version,
  createdAt: cyclePlans.createdAt,
  updatedAt: cyclePlans.updatedAt,
};

type CyclePlanRowRaw = {
  generatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  workingDays: unknown;
  hospitalDays: unknown;
  promotionalActivities: unknown;
  quality: unknown;
  underServed: unknown;
};
const toCyclePlanRow = <T extends CyclePlanRowRaw>(r: T) => ({
  ...r,
  workingDays: r.workingDays as string[],
  hospitalDays: r.hospitalDays as { hospitalId: string; days: number }[],
  promotionalActivities: r.promotionalActivities as {
    title: string;
    date?: string | null;
    hospitalId?: string | null;
    productId?: string | null;
    note?: string | null;
  }[],
  quality: r.quality as StoredQuality | null,
  underServed: r.underServed as StoredUnderServed[],
  generatedAt: toIso(r.generatedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type StoredQuality = {
  frequencyAttainmentPct: number;
  hospitalSwitchesPerDay: number;
  callsOutsideAvailability: number;
  daysBelowMin: number;
  daysAboveMax: number;
  totalCalls: number;
};
export type StoredUnderServed = {
  doctorId: string;
  doctorName: string;
  grade: string;
  required: number;
  planned: number;
  missing: number;
};
const cyclePlansQuery = (db: Db) =>
  db.select(cyclePlanColumns).from(cyclePlans).innerJoin(users, eq(users.id, cyclePlans.ownerId));

export async function findCyclePlans(
  db: Db,
  f: { ownerId?: string; date?: string; scope?: SQL },
  page: Page,
) {
  const w = and(
    f.ownerId ? eq(cyclePlans.ownerId, f.ownerId) : undefined,
    f.date ? and(lte(cyclePlans.cycleStart, f.date), gte(cyclePlans.cycleEnd, f.date)) : undefined,
    f.scope,
  );
  const rows = await cyclePlansQuery(db)
    .where(w)
    .orderBy(desc(cyclePlans.cycleStart), asc(users.name), asc(cyclePlans.id))
    .limit(page.pageSize)
    .offset(offsetOf(page.page, page.pageSize));
  const [c] = await db.select({ n: countAll }).from(cyclePlans).where(w);
  return { rows: rows.map(toCyclePlanRow), total: c?.n ?? 0 };
}

export async function getCyclePlan(db: Db, id: string, scope?: SQL) {
  const [row] = await cyclePlansQuery(db).where(and(eq(cyclePlans.id, id), scope));
  return row && toCyclePlanRow(row);
}
export type CyclePlanRow = NonNullable<Awaited<ReturnType<typeof getCyclePlan>>>;

/** The owner's plan whose cycle contains the date. */
export async function findCyclePlanOfDate(db: Db, ownerId: string, date: string) {
  const [row] = await cyclePlansQuery(db).where(
    and(eq(cyclePlans.ownerId, ownerId), lte(cyclePlans.cycleStart, date), gte(cyclePlans.cycleEnd, date)),
  );
  return row && toCyclePlanRow(row);
}

/** The owner's plans whose cycle overlaps from…to. */
export async function findCyclePlansTouching(db: Db, ownerId: string, from: string, to: string) {
  return db
    .select({
      id: cyclePlans.id,
      cycleStart: cyclePlans.cycleStart,
      cycleEnd: cyclePlans.cycleEnd,
      status: cyclePlans.status,
      workingDays: cyclePlans.workingDays,
      plannedCallCount: cyclePlanColumns.plannedCallCount,
    })
    .from(cyclePlans)
    .where(
      and(eq(cyclePlans.ownerId, ownerId), lte(cyclePlans.cycleStart, to), gte(cyclePlans.cycleEnd, from)),
    )
    .orderBy(asc(cyclePlans.cycleStart));
}

export async function insertCyclePlan(
  db: Db,
  values: { ownerId: string; cycleStart: string; cycleEnd: string; workingDays: string[] },
): Promise<string> {
  const [row] = await db.insert(cyclePlans).values(values).returning({ id: cyclePlans.id });
  return row!.id;
}

/** Generation figures; the version was already bumped by the generate call's optimistic lock. */
export async function setGenerationResult(
  db: Db,
  id: string,
  values: { quality: StoredQuality; underServed: StoredUnderServed[] },
) {
  await db
    .update(cyclePlans)
    .set({ ...values, generatedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(cyclePlans.id, id));
}

/** Live planned calls per plan and date, for the day warnings. */
export async function plannedCountsByPlan(db: Db, planIds: string[]) {
  if (planIds.length === 0) return [];
  return db
    .select({ cyclePlanId: plannedCalls.cyclePlanId, date: plannedCalls.date, n: countAll })
    .from(plannedCalls)
    .where(and(inArray(plannedCalls.cyclePlanId, planIds), liveCall))
    .groupBy(plannedCalls.cyclePlanId, plannedCalls.date);
}

/** Live planned calls of an owner per date in from…to. */
export async function plannedCountsByDate(db: Db, ownerId: string, from: string, to: string) {
  const rows = await db
    .select({ date: plannedCalls.date, n: countAll })
    .from(plannedCalls)
    .where(
      and(
        eq(plannedCalls.ownerId, ownerId),
        gte(plannedCalls.date, from),
        lte(plannedCalls.date, to),
        liveCall,
      ),
    )
    .groupBy(plannedCalls.date);
  return new Map(rows.map((r) => [r.date, r.n]));
}

export async function hospitalNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(inArray(hospitals.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The subset of ids that satisfy the scope condition on the table's id column. */
export async function idsWithin(
  db: Db,
  table: typeof hospitals | typeof doctors | typeof departments | typeof products,
  ids: string[],
  scope: SQL | undefined,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(and(inArray(table.id, ids), scope));
  return new Set(rows.map((r) => r.id));
}

// ── The owner's doctors for the generator ────────────────────────────────────

/**
 * The doctors a rep plans for: live doctors of live hospitals in the scope condition (the rep's
 * territories today) that have at least one product score, with their visits per cycle (the highest over
 * products) and their grades.
 */
export async function findPlanDoctors(db: Db, scope: SQL | undefined) {
  const rows = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      hospitalId: doctors.hospitalId,
      clinicSchedule: doctors.clinicSchedule,
      visitsPerCycle: sql<number>`max(${doctorProductStatus.visitsPerCycle})::int`,
      grades: sql<string[]>`array_agg(distinct ${doctorProductStatus.grade})`,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .innerJoin(doctorProductStatus, eq(doctorProductStatus.doctorId, doctors.id))
    .where(and(isNull(doctors.mergedInto), isNull(hospitals.mergedInto), scope))
    .groupBy(doctors.id)
    .orderBy(asc(doctors.id));
  return rows.map((r) => ({
    ...r,
    clinicSchedule: r.clinicSchedule as { weekday: number; halfDay: 'am' | 'pm' }[],
    grades: r.grades ?? [],
  }));
}

/** Names, hospitals and schedules of the given doctors (for kept calls of doctors outside the list). */
export async function doctorBasics(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      hospitalId: doctors.hospitalId,
      clinicSchedule: doctors.clinicSchedule,
    })
    .from(doctors)
    .where(inArray(doctors.id, ids));
  return rows.map((r) => ({
    ...r,
    clinicSchedule: r.clinicSchedule as { weekday: number; halfDay: 'am' | 'pm' }[],
  }));
}

/** The calls of a plan as the generator sees them: where they are and whether they may be replaced. */
export async function findPlanCallsForGeneration(db: Db, cyclePlanId: string) {
  return db
    .select({
      id: plannedCalls.id,
      doctorId: plannedCalls.doctorId,
      hospitalId: plannedCalls.hospitalId,
      date: plannedCalls.date,
      halfDay: plannedCalls.halfDay,
      locked: plannedCalls.locked,
      source: plannedCalls.source,
      status: plannedCalls.status,
      hasCall: sql<boolean>`exists (select 1 from calls c where c.planned_call_id = ${plannedCalls.id})`,
    })
    .from(plannedCalls)
    .where(eq(plannedCalls.cyclePlanId, cyclePlanId))
    .orderBy(asc(plannedCalls.date), asc(plannedCalls.halfDay), asc(plannedCalls.id));
}

export async function deletePlannedCalls(db: Db, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(plannedCalls).where(inArray(plannedCalls.id, ids));
}

export async function insertPlannedCalls(db: Db, values: (typeof plannedCalls.$inferInsert)[]) {
  if (values.length === 0) return;
  await db.insert(plannedCalls).values(values);
}

// ── Planned calls 计划拜访 ────────────────────────────────────────────────────

const plannedCallColumns = {
  id: plannedCalls.id,
  cyclePlanId: plannedCalls.cyclePlanId,
  ownerId: plannedCalls.ownerId,
  doctorId: plannedCalls.doctorId,
  doctorName: doctors.name,
  // Grades are letters ranked A (best) … so the alphabetical minimum is the best grade over products
  doctorGrade: sql<
    string | null
  >`(select min(dps.grade) from doctor_product_status dps where dps.doctor_id = ${plannedCalls.doctorId})`,
  departmentName: departments.name,
  hospitalId: plannedCalls.hospitalId,
  hospitalName: hospitals.name,
  date: plannedCalls.date,
  halfDay: plannedCalls.halfDay,
  startTime: plannedCalls.startTime,
  endTime: plannedCalls.endTime,
  place: plannedCalls.place,
  locked: plannedCalls.locked,
  source: plannedCalls.source,
  objectives: plannedCalls.objectives,
  productIds: plannedCalls.productIds,
  keyMessages: plannedCalls.keyMessages,
  expectedObjections: plannedCalls.expectedObjections,
  status: plannedCalls.status,
  // A submitted call wins over a draft one
  callId: sql<
    string | null
  >`(select c.id from calls c where c.planned_call_id = ${plannedCalls.id} order by (c.status = 'submitted') desc, c.created_at desc limit 1)`,
  clinicSchedule: doctors.clinicSchedule,
  version: plannedCalls.version,
};

type PlannedCallRaw = {
  objectives: unknown;
  keyMessages: unknown;
  expectedObjections: unknown;
  clinicSchedule: unknown;
};
const toPlannedCallRow = <T extends PlannedCallRaw>(r: T) => ({
  ...r,
  objectives: r.objectives as { text: string }[],
  keyMessages: r.keyMessages as string[],
  expectedObjections: r.expectedObjections as string[],
  clinicSchedule: r.clinicSchedule as { weekday: number; halfDay: 'am' | 'pm' }[],
});

const plannedCallsQuery = (db: Db) =>
  db
    .select(plannedCallColumns)
    .from(plannedCalls)
    .innerJoin(doctors, eq(doctors.id, plannedCalls.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, plannedCalls.hospitalId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId));

export type PlannedCallFilter = {
  ownerId?: string;
  doctorId?: string;
  from?: string;
  to?: string;
  status?: 'planned' | 'done' | 'cancelled';
  scope?: SQL;
};
const plannedCallWhere = (f: PlannedCallFilter) =>
  and(
    f.ownerId ? eq(plannedCalls.ownerId, f.ownerId) : undefined,
    f.doctorId ? eq(plannedCalls.doctorId, f.doctorId) : undefined,
    f.from ? gte(plannedCalls.date, f.from) : undefined,
    f.to ? lte(plannedCalls.date, f.to) : undefined,
    f.status ? eq(plannedCalls.status, f.status) : undefined,
    f.scope,
  );
const plannedCallOrder = [
  asc(plannedCalls.date),
  asc(plannedCalls.halfDay),
  asc(hospitals.name),
  asc(doctors.name),
  asc(plannedCalls.id),
];

export async function findPlannedCalls(db: Db, f: PlannedCallFilter, page: Page) {
  const w = plannedCallWhere(f);
  const rows = await plannedCallsQuery(db)
    .where(w)
    .orderBy(...plannedCallOrder)
    .limit(page.pageSize)
    .offset(offsetOf(page.page, page.pageSize));
  const [c] = await db.select({ n: countAll }).from(plannedCalls).where(w);
  return { rows: rows.map(toPlannedCallRow), total: c?.n ?? 0 };
}

/** Every planned call matching the filter (the calendar: at most 42 days of one rep). */
export async function findAllPlannedCalls(db: Db, f: PlannedCallFilter) {
  const rows = await plannedCallsQuery(db)
    .where(plannedCallWhere(f))
    .orderBy(...plannedCallOrder);
  return rows.map(toPlannedCallRow);
}

export async function getPlannedCall(db: Db, id: string, scope?: SQL) {
  const [row] = await plannedCallsQuery(db).where(and(eq(plannedCalls.id, id), scope));
  return row && toPlannedCallRow(row);
}
export type PlannedCallRow = NonNullable<Awaited<ReturnType<typeof getPlannedCall>>>;

export async function insertPlannedCall(db: Db, values: typeof plannedCalls.$inferInsert): Promise<string> {
  const [row] = await db.insert(plannedCalls).values(values).returning({ id: plannedCalls.id });
  return row!.id;
}

export async function deletePlannedCall(db: Db, id: string) {
  await db.delete(plannedCalls).where(eq(plannedCalls.id, id));
}

export async function getDoctorForPlanning(db: Db, id: string, scope: SQL | undefined) {
  const [row] = await db
    .select({
      id: doctors.id,
      hospitalId: doctors.hospitalId,
      clinicSchedule: doctors.clinicSchedule,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(and(eq(doctors.id, id), isNull(doctors.mergedInto), isNull(hospitals.mergedInto), scope));
  return row;
}

// ── Calendar 日历 ─────────────────────────────────────────────────────────────

export async function getUser(db: Db, id: string, scope: SQL | undefined) {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.id, id), scope));
  return row;
}

/** The calls an owner logged from…to (drafts and submitted), as the calendar shows them. */
export async function findLoggedCalls(db: Db, ownerId: string, from: string, to: string) {
  const rows = await db
    .select({
      id: calls.id,
      doctorId: calls.doctorId,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      type: calls.type,
      startAt: calls.startAt,
      endAt: calls.endAt,
      callDate: calls.callDate,
      status: calls.status,
      plannedCallId: calls.plannedCallId,
    })
    .from(calls)
    .innerJoin(doctors, eq(doctors.id, calls.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, calls.hospitalId))
    .where(and(eq(calls.ownerId, ownerId), gte(calls.callDate, from), lte(calls.callDate, to)))
    .orderBy(asc(calls.startAt), asc(calls.id));
  return rows.map((r) => ({ ...r, startAt: toIso(r.startAt), endAt: toIso(r.endAt) }));
}

// ── Weekly plans 周计划 ───────────────────────────────────────────────────────

const weeklyColumns = {
  id: weeklyPlans.id,
  ownerId: weeklyPlans.ownerId,
  weekStart: weeklyPlans.weekStart,
  goals: weeklyPlans.goals,
  notes: weeklyPlans.notes,
  submittedAt: weeklyPlans.submittedAt,
  version: weeklyPlans.version,
};
const toWeeklyRow = <T extends { submittedAt: string | null }>(r: T) => ({
  ...r,
  submittedAt: toIso(r.submittedAt),
});

export async function findWeeklyPlans(
  db: Db,
  f: { ownerId?: string; weekStart?: string; scope?: SQL },
  page: Page,
) {
  const w = and(
    f.ownerId ? eq(weeklyPlans.ownerId, f.ownerId) : undefined,
    f.weekStart ? eq(weeklyPlans.weekStart, f.weekStart) : undefined,
    f.scope,
  );
  const rows = await db
    .select(weeklyColumns)
    .from(weeklyPlans)
    .where(w)
    .orderBy(desc(weeklyPlans.weekStart), asc(weeklyPlans.ownerId), asc(weeklyPlans.id))
    .limit(page.pageSize)
    .offset(offsetOf(page.page, page.pageSize));
  const [c] = await db.select({ n: countAll }).from(weeklyPlans).where(w);
  return { rows: rows.map(toWeeklyRow), total: c?.n ?? 0 };
}

export async function getWeeklyPlan(db: Db, ownerId: string, weekStart: string) {
  const [row] = await db
    .select(weeklyColumns)
    .from(weeklyPlans)
    .where(and(eq(weeklyPlans.ownerId, ownerId), eq(weeklyPlans.weekStart, weekStart)));
  return row && toWeeklyRow(row);
}
export type WeeklyPlanRow = NonNullable<Awaited<ReturnType<typeof getWeeklyPlan>>>;

export async function insertWeeklyPlan(db: Db, values: typeof weeklyPlans.$inferInsert) {
  await db.insert(weeklyPlans).values(values);
}

export { cyclePlans, plannedCalls, weeklyPlans, users, doctors, hospitals, departments, products };

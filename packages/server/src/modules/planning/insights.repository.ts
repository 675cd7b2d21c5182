import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { CallType, ClinicSlot } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import {
  calls,
  cyclePlans,
  departments,
  doctorProductStatus,
  doctorProfiles,
  doctors,
  followUps,
  hospitals,
  plannedCalls,
  products,
  teams,
  users,
} from '../../db/schema.ts';
import { indexedNameSearch } from '../accounts/accounts.repository.ts';

const liveDoctor = and(isNull(doctors.mergedInto), isNull(hospitals.mergedInto));

/** A submitted call of a type the frequency rule counts. */
const countedCall = (countedTypes: CallType[]) =>
  and(eq(calls.status, 'submitted'), inArray(calls.type, countedTypes));

/**
 * The date of the doctor's (of the outer query) latest counted call up to `asOf`, by anyone: another rep's visit
 * also counts as the doctor having been seen.
 */
const latestCountedCall = (db: Db, f: { asOf: string; countedTypes: CallType[] }) =>
  db
    .select({ lastCallDate: sql<string>`${calls.callDate}::text`.as('last_call_date') })
    .from(calls)
    .where(and(eq(calls.doctorId, doctors.id), lte(calls.callDate, f.asOf), countedCall(f.countedTypes)))
    .orderBy(desc(calls.callDate))
    .limit(1);

export type FrequencyFilter = {
  /** The doctors counted: a condition on the doctor's hospital (the rep's territories, from scope.ts) */
  hospitalScope: SQL | undefined;
  /** planned and done count this owner's calls; absent: anyone's */
  ownerId?: string;
  doctorId?: string;
  q?: string;
  cycleStart: string;
  cycleEnd: string;
  /** Latest call on or before this day */
  asOf: string;
  /** Call types that count toward the frequency (settings.countedCallTypes) */
  countedTypes: CallType[];
};

/**
 * One row per doctor with the figures of the frequency rule: the highest visits per 4-week cycle over the
 * doctor's products, the grades to pick the best from, planned calls (planned or done) and submitted counted
 * calls in the cycle, and the latest counted call.
 *
 * Two statements: the doctors are picked first (scope, filters), then each figure is a LATERAL subquery on
 * one picked doctor's rows (doctor_product_status by its key, planned_calls and calls by their
 * (doctor_id, date) indexes, the latest call as the top one of those), so the work grows with the rep's few
 * hundred doctors, not with the company's 4,000 doctors and 40,000 calls. Grouping each table over the
 * scoped doctors and joining the groups, as before, let the planner — without statistics, as PGlite runs no
 * autovacuum — rescan every group for each of the 4,000 doctors and apply the scope last: ~2 s per rep on
 * the demo data (see insights-timing.ts). Picking first also keeps the planner from running the laterals on
 * doctors the scope drops.
 */
export async function findFrequencyRows(db: Db, f: FrequencyFilter) {
  const scores = db
    .select({
      maxVisits: sql<number | null>`max(${doctorProductStatus.visitsPerCycle})::int`.as('max_visits'),
      grades: sql<string[] | null>`array_agg(${doctorProductStatus.grade})`.as('grades'),
    })
    .from(doctorProductStatus)
    .where(eq(doctorProductStatus.doctorId, doctors.id))
    .as('scores');

  const planned = db
    .select({ planned: sql<number>`count(*)::int`.as('planned') })
    .from(plannedCalls)
    .where(
      and(
        eq(plannedCalls.doctorId, doctors.id),
        gte(plannedCalls.date, f.cycleStart),
        lte(plannedCalls.date, f.cycleEnd),
        f.ownerId ? eq(plannedCalls.ownerId, f.ownerId) : undefined,
        inArray(plannedCalls.status, ['planned', 'done']),
      ),
    )
    .as('planned');

  const done = db
    .select({ done: sql<number>`count(*)::int`.as('done') })
    .from(calls)
    .where(
      and(
        eq(calls.doctorId, doctors.id),
        gte(calls.callDate, f.cycleStart),
        lte(calls.callDate, f.cycleEnd),
        countedCall(f.countedTypes),
        f.ownerId ? eq(calls.ownerId, f.ownerId) : undefined,
      ),
    )
    .as('done');

  const last = latestCountedCall(db, f).as('last');

  // the doctors first: the scope and the filters leave a few hundred, and only those get the figures
  const picked = await db
    .select({ id: doctors.id })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(
      and(
        liveDoctor,
        f.hospitalScope,
        f.doctorId ? eq(doctors.id, f.doctorId) : undefined,
        // the doctors' search-gram index, as the doctor list (migration 0014)
        indexedNameSearch(f.q, doctors.name, doctors.nameInitials),
      ),
    );
  if (!picked.length) return [];

  const rows = await db
    .select({
      id: doctors.id,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      departmentName: departments.name,
      maxVisits: scores.maxVisits,
      grades: scores.grades,
      planned: planned.planned,
      done: done.done,
      lastCallDate: last.lastCallDate,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId))
    .leftJoinLateral(scores, sql`true`)
    .leftJoinLateral(planned, sql`true`)
    .leftJoinLateral(done, sql`true`)
    .leftJoinLateral(last, sql`true`)
    // one array parameter, however many doctors (a bind parameter per id stops at 65,535)
    .where(sql`${doctors.id} = any(${sql.param(picked.map((d) => d.id))}::uuid[])`)
    .orderBy(asc(doctors.name), asc(doctors.id));
  return rows.map((r) => ({
    ...r,
    maxVisits: r.maxVisits ?? 0,
    grades: r.grades ?? [],
    planned: r.planned ?? 0,
    done: r.done ?? 0,
    lastCallDate: r.lastCallDate ?? null,
  }));
}
export type FrequencyRow = Awaited<ReturnType<typeof findFrequencyRows>>[number];

/**
 * The frequency rule's inputs for the target doctors only (some product asks for visits): the highest visits per
 * 4 weeks, the grades and the latest counted call by anyone — what `frequencyStatus` needs to say due or
 * overdue, without the list's names, planned and done counts or order. A doctor nothing is asked of is never due,
 * so the rep home counts its due doctors from these rows; the 3,000-doctor scope of a busy rep shrinks to the few
 * hundred target doctors before the latest-call lookup runs (by calls_doctor_date_idx, one per target).
 */
export async function findDueRuleRows(
  db: Db,
  f: Pick<FrequencyFilter, 'hospitalScope' | 'asOf' | 'countedTypes'>,
): Promise<{ id: string; maxVisits: number; grades: string[]; lastCallDate: string | null }[]> {
  const maxVisits = sql`max(${doctorProductStatus.visitsPerCycle})`;
  const lastCall = latestCountedCall(db, f);
  const rows = await db
    .select({
      id: doctors.id,
      maxVisits: sql<number>`${maxVisits}::int`,
      grades: sql<string[]>`array_agg(${doctorProductStatus.grade})`,
      lastCallDate: sql<string | null>`(${lastCall})`,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .innerJoin(doctorProductStatus, eq(doctorProductStatus.doctorId, doctors.id))
    .where(and(liveDoctor, f.hospitalScope))
    .groupBy(doctors.id)
    .having(sql`${maxVisits} > 0`);
  return rows.map((r) => ({ ...r, lastCallDate: r.lastCallDate ?? null }));
}

// ── Pre-call brief ───────────────────────────────────────────────────────────

export async function getBriefDoctor(db: Db, id: string, hospitalScope: SQL | undefined) {
  const [row] = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      hospitalId: doctors.hospitalId,
      hospitalName: hospitals.name,
      departmentName: departments.name,
      title: doctors.title,
      position: doctors.position,
      clinicSchedule: doctors.clinicSchedule,
      bestVisitTime: doctors.bestVisitTime,
      preferredChannel: doctors.preferredChannel,
      relationshipStage: doctors.relationshipStage,
      personalityType: doctors.personalityType,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId))
    .where(and(eq(doctors.id, id), liveDoctor, hospitalScope));
  return row && { ...row, clinicSchedule: (row.clinicSchedule ?? []) as ClinicSlot[] };
}

/** The latest score per product with its ladder step 产品接纳度阶梯. */
export async function findProductScores(db: Db, doctorId: string) {
  return db
    .select({
      productId: doctorProductStatus.productId,
      productName: products.name,
      prescriptionStatus: doctorProductStatus.prescriptionStatus,
      prescriptionPotential: doctorProductStatus.prescriptionPotential,
      grade: doctorProductStatus.grade,
      visitsPerCycle: doctorProductStatus.visitsPerCycle,
      adoptionStep: doctorProductStatus.adoptionStep,
    })
    .from(doctorProductStatus)
    .innerJoin(products, eq(products.id, doctorProductStatus.productId))
    .where(eq(doctorProductStatus.doctorId, doctorId))
    .orderBy(asc(products.name));
}

/** The doctor's last submitted call, whoever logged it. */
export async function getLastSubmittedCall(db: Db, doctorId: string) {
  const [row] = await db
    .select({
      id: calls.id,
      callDate: calls.callDate,
      type: calls.type,
      ownerName: users.name,
      objectives: calls.objectives,
      commitment: calls.commitment,
      nextStep: calls.nextStep,
      nextStepDue: calls.nextStepDue,
      notes: calls.notes,
    })
    .from(calls)
    .innerJoin(users, eq(users.id, calls.ownerId))
    .where(and(eq(calls.doctorId, doctorId), eq(calls.status, 'submitted')))
    .orderBy(desc(calls.startAt), desc(calls.id))
    .limit(1);
  return row && { ...row, objectives: (row.objectives ?? []) as { text: string; outcome: string }[] };
}

export async function findOpenFollowUps(db: Db, doctorId: string) {
  return db
    .select({ id: followUps.id, title: followUps.title, dueDate: followUps.dueDate })
    .from(followUps)
    .where(and(eq(followUps.doctorId, doctorId), eq(followUps.status, 'open')))
    .orderBy(asc(followUps.dueDate), asc(followUps.id));
}

/** The birthday (PIPL personal data): only call it for a reader personalDataAccessOf allows. */
export async function getBirthday(db: Db, doctorId: string, hospitalScope: SQL | undefined) {
  const [row] = await db
    .select({ birthday: doctorProfiles.birthday, isLunar: doctorProfiles.birthdayIsLunar })
    .from(doctorProfiles)
    .innerJoin(doctors, eq(doctors.id, doctorProfiles.doctorId))
    .where(and(eq(doctorProfiles.doctorId, doctorId), hospitalScope));
  return row?.birthday ? { birthday: row.birthday, isLunar: row.isLunar } : undefined;
}

// ── Reminders ────────────────────────────────────────────────────────────────

export async function countPlannedCalls(
  db: Db,
  ownerId: string,
  from: string,
  to: string,
  statuses: ('planned' | 'done' | 'cancelled')[],
) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(plannedCalls)
    .where(
      and(
        eq(plannedCalls.ownerId, ownerId),
        gte(plannedCalls.date, from),
        lte(plannedCalls.date, to),
        inArray(plannedCalls.status, statuses),
      ),
    );
  return row?.n ?? 0;
}

export async function hasCyclePlan(db: Db, ownerId: string, cycleStart: string) {
  const [row] = await db
    .select({ id: cyclePlans.id })
    .from(cyclePlans)
    .where(and(eq(cyclePlans.ownerId, ownerId), eq(cyclePlans.cycleStart, cycleStart)));
  return Boolean(row);
}

export { doctors, teams, users };

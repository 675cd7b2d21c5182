import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';
import {
  careActions,
  careDates,
  doctorCareTiers,
  doctorProfiles,
  doctors,
  followUps,
  hospitals,
  lifeEvents,
  teams,
  users,
} from '../../db/schema.ts';
import { careSpend } from './care-plans.repository.ts';
import { speakerFeeKind } from '@keqing/domain';

const liveDoctor = and(isNull(doctors.mergedInto), isNull(hospitals.mergedInto));

// ── doctors, users, teams ─────────────────────────────────────────────────────

/** A live doctor with their hospital, within a condition on the doctor's hospital (undefined: any). */
export async function getDoctor(db: Db, id: string, hospitalScope?: SQL) {
  const [row] = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      hospitalId: doctors.hospitalId,
      hospitalName: hospitals.name,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(and(eq(doctors.id, id), liveDoctor, hospitalScope));
  return row;
}

/**
 * Hospital ids matching any of the conditions (each a rep's territories today, from scope.ts) and `within`
 * (the caller's own line).
 */
export async function findHospitalIds(db: Db, conditions: (SQL | undefined)[], within?: SQL) {
  const defined = conditions.filter((c): c is SQL => c !== undefined);
  if (!defined.length) return [];
  const rows = await db
    .select({ id: hospitals.id })
    .from(hospitals)
    .where(and(isNull(hospitals.mergedInto), or(...defined), within));
  return rows.map((r) => r.id);
}

// ── care dates 重要日期 ───────────────────────────────────────────────────────

const careDateColumns = {
  id: careDates.id,
  doctorId: careDates.doctorId,
  kind: careDates.kind,
  label: careDates.label,
  month: careDates.month,
  day: careDates.day,
  isLunar: careDates.isLunar,
  sinceYear: careDates.sinceYear,
  notes: careDates.notes,
  version: careDates.version,
};

export async function findCareDates(db: Db, doctorId: string) {
  return db
    .select(careDateColumns)
    .from(careDates)
    .where(eq(careDates.doctorId, doctorId))
    .orderBy(asc(careDates.month), asc(careDates.day), asc(careDates.id));
}

export async function getCareDate(db: Db, id: string) {
  const [row] = await db.select(careDateColumns).from(careDates).where(eq(careDates.id, id));
  return row;
}

export type CareDateValues = {
  doctorId: string;
  kind: 'workAnniversary' | 'familyEvent' | 'other';
  label: string;
  month: number;
  day: number;
  isLunar: boolean;
  sinceYear: number | null;
  notes: string | null;
  createdBy: string;
};

export async function insertCareDate(db: Db, values: CareDateValues): Promise<string> {
  const [row] = await db.insert(careDates).values(values).returning({ id: careDates.id });
  return row!.id;
}

export async function deleteCareDate(db: Db, id: string) {
  await db.delete(careDates).where(eq(careDates.id, id));
}

// ── upcoming: the candidates, converted to dates in Node ─────────────────────

/** Doctors of these hospitals with a birthday on file (doctor_profiles, personal data). */
export async function findBirthdayCandidates(db: Db, hospitalIds: string[]) {
  if (!hospitalIds.length) return [];
  return db
    .select({
      doctorId: doctors.id,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      birthday: doctorProfiles.birthday,
      isLunar: doctorProfiles.birthdayIsLunar,
    })
    .from(doctorProfiles)
    .innerJoin(doctors, eq(doctors.id, doctorProfiles.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(and(inArray(doctors.hospitalId, hospitalIds), isNotNull(doctorProfiles.birthday), liveDoctor));
}

/** The care dates of doctors of these hospitals. */
export async function findCareDateCandidates(db: Db, hospitalIds: string[]) {
  if (!hospitalIds.length) return [];
  return db
    .select({
      id: careDates.id,
      doctorId: doctors.id,
      doctorName: doctors.name,
      hospitalName: hospitals.name,
      kind: careDates.kind,
      label: careDates.label,
      month: careDates.month,
      day: careDates.day,
      isLunar: careDates.isLunar,
    })
    .from(careDates)
    .innerJoin(doctors, eq(doctors.id, careDates.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(and(inArray(doctors.hospitalId, hospitalIds), liveDoctor));
}

// ── life events 喜事/不幸 ─────────────────────────────────────────────────────

const lifeEventColumns = {
  id: lifeEvents.id,
  doctorId: lifeEvents.doctorId,
  doctorName: doctors.name,
  kind: lifeEvents.kind,
  nature: lifeEvents.nature,
  occurredOn: lifeEvents.occurredOn,
  note: lifeEvents.note,
  followUpId: lifeEvents.followUpId,
  createdById: lifeEvents.createdBy,
  createdByName: users.name,
  createdAt: lifeEvents.createdAt,
};

function lifeEventsQuery(db: Db) {
  return db
    .select(lifeEventColumns)
    .from(lifeEvents)
    .innerJoin(doctors, eq(doctors.id, lifeEvents.doctorId))
    .innerJoin(users, eq(users.id, lifeEvents.createdBy));
}

type LifeEventRow = Awaited<ReturnType<ReturnType<typeof lifeEventsQuery>['execute']>>[number];
const toLifeEvent = ({ createdById, createdByName, createdAt, ...r }: LifeEventRow) => ({
  ...r,
  kind: r.kind as never,
  createdBy: { id: createdById, name: createdByName },
  createdAt: toIso(createdAt),
});

export async function getLifeEvent(db: Db, id: string) {
  const [row] = await lifeEventsQuery(db).where(eq(lifeEvents.id, id));
  return row && toLifeEvent(row);
}

/** Life events of doctors matching `hospitalScope` (a condition on doctors.hospital_id), newest first. */
export async function findLifeEvents(
  db: Db,
  f: { doctorId?: string; hospitalScope?: SQL },
  page: { page: number; pageSize: number },
) {
  const w = and(f.doctorId ? eq(lifeEvents.doctorId, f.doctorId) : undefined, f.hospitalScope);
  const [rows, [c]] = await Promise.all([
    lifeEventsQuery(db)
      .where(w)
      .orderBy(desc(lifeEvents.occurredOn), desc(lifeEvents.createdAt), asc(lifeEvents.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(lifeEvents)
      .innerJoin(doctors, eq(doctors.id, lifeEvents.doctorId))
      .where(w),
  ]);
  return { rows: rows.map(toLifeEvent), total: c?.n ?? 0 };
}

export async function insertLifeEvent(
  db: Db,
  values: {
    doctorId: string;
    kind: string;
    nature: 'happy' | 'misfortune';
    occurredOn: string;
    note: string | null;
    followUpId: string;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await db.insert(lifeEvents).values(values).returning({ id: lifeEvents.id });
  return row!.id;
}

/** The task raised by a life event, owned by the caller. */
export async function insertFollowUp(
  db: Db,
  values: { ownerId: string; doctorId: string; title: string; dueDate: string },
) {
  const [row] = await db.insert(followUps).values(values).returning();
  return row!;
}

// ── care tiers 关怀等级 ───────────────────────────────────────────────────────

export async function getChosenTier(db: Db, doctorId: string) {
  const [row] = await db.select().from(doctorCareTiers).where(eq(doctorCareTiers.doctorId, doctorId));
  return row;
}

export async function insertChosenTier(db: Db, doctorId: string, tier: string, setBy: string) {
  await db.insert(doctorCareTiers).values({ doctorId, tier, setBy });
}

/** Changes the choice if the row still has `version`; false when it does not. */
export async function updateChosenTier(
  db: Db,
  doctorId: string,
  version: number,
  tier: string,
  setBy: string,
): Promise<boolean> {
  const rows = await db
    .update(doctorCareTiers)
    .set({ tier, setBy, version: sql`${doctorCareTiers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(doctorCareTiers.doctorId, doctorId), eq(doctorCareTiers.version, version)))
    .returning({ doctorId: doctorCareTiers.doctorId });
  return rows.length === 1;
}

/** Removes the choice if the row still has `version`; false when it does not. */
export async function deleteChosenTier(db: Db, doctorId: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(doctorCareTiers)
    .where(and(eq(doctorCareTiers.doctorId, doctorId), eq(doctorCareTiers.version, version)))
    .returning({ doctorId: doctorCareTiers.doctorId });
  return rows.length === 1;
}

/** A doctor's care in a calendar year, all reps together. */
export async function yearSpend(db: Db, doctorId: string, year: number) {
  const [row] = await db
    .select({
      spentFen: sql<number>`coalesce(sum(${careActions.valueFen}), 0)::int`,
      actions: countAll,
    })
    // the same spend the care cap is checked against: care actions and event meals, not speaker fees
    .from(careSpend)
    .where(
      and(
        eq(careActions.doctorId, doctorId),
        sql`${careActions.kind} <> ${speakerFeeKind}`,
        sql`${careActions.actionDate} between ${`${year}-01-01`} and ${`${year}-12-31`}`,
      ),
    );
  return { spentFen: row?.spentFen ?? 0, actions: row?.actions ?? 0 };
}

export { careDates, doctors, hospitals, teams, users };

import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  departments,
  doctorLadderHistory,
  doctorProductStatus,
  doctorProfiles,
  doctorScores,
  doctorStageHistory,
  doctors,
  hospitalProductListings,
  hospitals,
  keyAccountSnapshots,
  keyContacts,
  kolProfiles,
  territoryHospitals,
} from '../../db/schema.ts';
import { toIso } from '../../db/list.ts';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
/** Any number of ids as one JSON parameter (a list of bound parameters stops at 65,535). */
const uuidList = (ids: string[]) =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;

// ── Finding likely duplicates ───────────────────────────────────────────────

export type KeyGroup = {
  reason: 'sameNameHospitalDepartment' | 'samePhone' | 'sameNameInCity';
  ids: string[];
};

/**
 * Doctors sharing name + hospital + 科室 (no 科室 counts as the same), or a work phone (digits
 * only, at least 7), among the records the scope condition allows; merged records never count.
 */
export async function findDoctorKeyGroups(db: Db, scope: SQL | undefined): Promise<KeyGroup[]> {
  const visible = and(isNull(doctors.mergedInto), scope);
  const [byName, byPhone] = await Promise.all([
    db
      .select({ ids: sql<string[]>`array_agg(${doctors.id}::text)` })
      .from(doctors)
      .where(visible)
      .groupBy(doctors.name, doctors.hospitalId, doctors.departmentId)
      .having(sql`count(*) > 1`),
    db
      .select({ ids: sql<string[]>`array_agg(${doctors.id}::text)` })
      .from(doctors)
      .where(and(visible, sql`length(regexp_replace(${doctors.phone}, '[^0-9]', '', 'g')) >= 7`))
      .groupBy(sql`regexp_replace(${doctors.phone}, '[^0-9]', '', 'g')`)
      .having(sql`count(*) > 1`),
  ]);
  return [
    ...byName.map((g) => ({ reason: 'sameNameHospitalDepartment' as const, ids: g.ids })),
    ...byPhone.map((g) => ({ reason: 'samePhone' as const, ids: g.ids })),
  ];
}

/** Hospitals of one city whose names or aliases are the same (ignoring spaces and full-width forms). */
export async function findHospitalKeyGroups(db: Db): Promise<KeyGroup[]> {
  const result = await db.execute(sql`
    with names as (
      select id, city, name as label from hospitals where merged_into is null
      union all
      select id, city, alias from hospitals where merged_into is null and coalesce(alias, '') <> ''
    )
    select array_agg(distinct id::text) as ids
    from names
    group by city, lower(regexp_replace(normalize(label, NFKC), '\\s', '', 'g'))
    having count(distinct id) > 1`);
  return rowsOf<{ ids: string[] }>(result).map((g) => ({ reason: 'sameNameInCity' as const, ids: g.ids }));
}

export async function doctorsForGroups(db: Db, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: doctors.id,
      code: doctors.code,
      name: doctors.name,
      gender: doctors.gender,
      hospitalId: doctors.hospitalId,
      hospitalName: hospitals.name,
      departmentId: doctors.departmentId,
      departmentName: departments.name,
      title: doctors.title,
      position: doctors.position,
      phone: doctors.phone,
      scoreCount: sql<number>`(select count(*)::int from doctor_scores ds where ds.doctor_id = ${doctors.id})`,
      createdAt: doctors.createdAt,
      updatedAt: doctors.updatedAt,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId))
    .where(sql`${doctors.id} in ${uuidList(ids)}`)
    .orderBy(asc(doctors.createdAt), asc(doctors.id));
  return rows.map((r) => ({ ...r, createdAt: toIso(r.createdAt), updatedAt: toIso(r.updatedAt) }));
}

export async function hospitalsForGroups(db: Db, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: hospitals.id,
      code: hospitals.code,
      name: hospitals.name,
      alias: hospitals.alias,
      level: hospitals.level,
      type: hospitals.type,
      province: hospitals.province,
      city: hospitals.city,
      district: hospitals.district,
      address: hospitals.address,
      doctorCount: sql<number>`(select count(*)::int from doctors d where d.hospital_id = ${hospitals.id} and d.merged_into is null)`,
      createdAt: hospitals.createdAt,
      updatedAt: hospitals.updatedAt,
    })
    .from(hospitals)
    .where(sql`${hospitals.id} in ${uuidList(ids)}`)
    .orderBy(asc(hospitals.createdAt), asc(hospitals.id));
  return rows.map((r) => ({ ...r, createdAt: toIso(r.createdAt), updatedAt: toIso(r.updatedAt) }));
}

// ── Merging doctors ─────────────────────────────────────────────────────────

const doctorFields = {
  id: doctors.id,
  code: doctors.code,
  name: doctors.name,
  gender: doctors.gender,
  hospitalId: doctors.hospitalId,
  departmentId: doctors.departmentId,
  title: doctors.title,
  position: doctors.position,
  clinicSchedule: doctors.clinicSchedule,
  bestVisitTime: doctors.bestVisitTime,
  phone: doctors.phone,
  preferredChannel: doctors.preferredChannel,
  personalityType: doctors.personalityType,
  relationshipStage: doctors.relationshipStage,
  notes: doctors.notes,
  mergedInto: doctors.mergedInto,
};
export type MergeDoctor = Awaited<ReturnType<typeof lockDoctors>>[number];

/** The doctors (not yet merged, within scope), locked for the merge. */
export async function lockDoctors(tx: Db, ids: string[], scope: SQL | undefined) {
  return tx
    .select(doctorFields)
    .from(doctors)
    .where(and(inArray(doctors.id, ids), isNull(doctors.mergedInto), scope))
    .for('update');
}

export async function getDoctorRecord(tx: Db, id: string) {
  const [row] = await tx.select(doctorFields).from(doctors).where(eq(doctors.id, id));
  return row;
}

export async function updateDoctor(tx: Db, id: string, values: Partial<typeof doctors.$inferInsert>) {
  await tx
    .update(doctors)
    .set({ ...values, version: sql`${doctors.version} + 1`, updatedAt: sql`now()` })
    .where(eq(doctors.id, id));
}

/** Marks records merged into `keepId`, and re-points records once merged into them. */
export async function markDoctorsMerged(tx: Db, keepId: string, mergeIds: string[]) {
  await tx
    .update(doctors)
    .set({ mergedInto: keepId, version: sql`${doctors.version} + 1`, updatedAt: sql`now()` })
    .where(inArray(doctors.id, mergeIds));
  await tx.update(doctors).set({ mergedInto: keepId }).where(inArray(doctors.mergedInto, mergeIds));
}

/** History rows simply change hands: every score, ladder step and stage move is kept. */
export async function moveDoctorHistory(tx: Db, keepId: string, mergeIds: string[]) {
  const moved: Record<string, number> = {};
  for (const [name, table] of [
    ['doctorScores', doctorScores],
    ['doctorLadderHistory', doctorLadderHistory],
    ['doctorStageHistory', doctorStageHistory],
  ] as const) {
    const rows = await tx
      .update(table)
      .set({ doctorId: keepId })
      .where(inArray(table.doctorId, mergeIds))
      .returning({ id: table.id });
    moved[name] = rows.length;
  }
  return moved;
}

/**
 * The latest score per product: for each product the newest assessment among the records wins
 * (the kept record's on a tie) and ends up on the kept record; the superseded rows go (their
 * history is in doctor_scores, which moved whole).
 */
export async function mergeProductStatus(tx: Db, keepId: string, mergeIds: string[]) {
  const rows = await tx
    .select()
    .from(doctorProductStatus)
    .where(inArray(doctorProductStatus.doctorId, [keepId, ...mergeIds]));
  let moved = 0;
  for (const productId of new Set(rows.map((r) => r.productId))) {
    const forProduct = rows.filter((r) => r.productId === productId);
    const kept = forProduct.find((r) => r.doctorId === keepId);
    const newest = forProduct
      .filter((r) => r.doctorId !== keepId)
      .sort((a, b) => (a.assessedOn < b.assessedOn ? 1 : a.assessedOn > b.assessedOn ? -1 : 0))[0];
    if (!newest) continue;
    if (!kept || newest.assessedOn > kept.assessedOn) {
      const { doctorId: _from, productId: _p, version: _v, updatedAt: _u, ...values } = newest;
      await tx
        .insert(doctorProductStatus)
        .values({ ...values, doctorId: keepId, productId })
        .onConflictDoUpdate({
          target: [doctorProductStatus.doctorId, doctorProductStatus.productId],
          set: { ...values, version: sql`${doctorProductStatus.version} + 1`, updatedAt: sql`now()` },
        });
      moved++;
    }
    await tx
      .delete(doctorProductStatus)
      .where(
        and(eq(doctorProductStatus.productId, productId), inArray(doctorProductStatus.doctorId, mergeIds)),
      );
  }
  return moved;
}

type Row = Record<string, unknown>;
/** The kept values, with each empty one (null, '' or an empty list) filled from the first donor that has it. */
export function fillBlanks<T extends Row>(
  kept: T,
  donors: Row[],
  fields: readonly (keyof T & string)[],
): Partial<T> {
  const blank = (v: unknown) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const filled: Partial<T> = {};
  for (const f of fields) {
    if (!blank(kept[f])) continue;
    const donor = donors.find((d) => !blank(d[f]));
    if (donor) filled[f] = donor[f] as T[typeof f];
  }
  return filled;
}

const profileFields = [
  'birthday',
  'mobile',
  'wechat',
  'family',
  'hobbies',
  'preferences',
  'familyEvents',
] as const;
const kolFields = [
  'types',
  'policyRoles',
  'contactCadence',
  'lockInRoles',
  'lastContactOn',
  'notes',
] as const;

/**
 * One-per-doctor profiles (personal 客户信息 and KOL): the kept record's stays and its blanks are
 * filled from the merged ones; without one, the first merged record's profile moves over. The
 * merged records keep their own rows (nothing is deleted).
 */
export async function mergeProfiles(tx: Db, keepId: string, mergeIds: string[]) {
  const moved: Record<string, number> = { doctorProfiles: 0, kolProfiles: 0 };
  const order = <T extends { doctorId: string }>(rows: T[]) =>
    [...rows].sort((a, b) => mergeIds.indexOf(a.doctorId) - mergeIds.indexOf(b.doctorId));

  const profiles = await tx
    .select()
    .from(doctorProfiles)
    .where(inArray(doctorProfiles.doctorId, [keepId, ...mergeIds]));
  const keptProfile = profiles.find((p) => p.doctorId === keepId);
  const donorProfiles = order(profiles.filter((p) => p.doctorId !== keepId));
  if (donorProfiles.length) {
    if (keptProfile) {
      const filled = fillBlanks(keptProfile, donorProfiles, profileFields);
      if (Object.keys(filled).length) {
        await tx
          .update(doctorProfiles)
          .set({ ...filled, version: sql`${doctorProfiles.version} + 1`, updatedAt: sql`now()` })
          .where(eq(doctorProfiles.doctorId, keepId));
        moved.doctorProfiles = 1;
      }
    } else {
      const [first, ...rest] = donorProfiles;
      await tx
        .update(doctorProfiles)
        .set({ doctorId: keepId, ...fillBlanks(first!, rest, profileFields), updatedAt: sql`now()` })
        .where(eq(doctorProfiles.doctorId, first!.doctorId));
      moved.doctorProfiles = 1;
    }
  }

  const kols = await tx
    .select()
    .from(kolProfiles)
    .where(inArray(kolProfiles.doctorId, [keepId, ...mergeIds]));
  const keptKol = kols.find((k) => k.doctorId === keepId);
  const donorKols = order(kols.filter((k) => k.doctorId !== keepId));
  if (donorKols.length) {
    if (keptKol) {
      const filled = fillBlanks(keptKol, donorKols, kolFields);
      if (Object.keys(filled).length) {
        await tx
          .update(kolProfiles)
          .set({ ...filled, version: sql`${kolProfiles.version} + 1`, updatedAt: sql`now()` })
          .where(eq(kolProfiles.doctorId, keepId));
        moved.kolProfiles = 1;
      }
    } else {
      const [first, ...rest] = donorKols;
      await tx
        .update(kolProfiles)
        .set({ doctorId: keepId, ...fillBlanks(first!, rest, kolFields), updatedAt: sql`now()` })
        .where(eq(kolProfiles.doctorId, first!.doctorId));
      moved.kolProfiles = 1;
    }
  }
  return moved;
}

/**
 * Monthly key-account lists (重点客户) name records by id: the merged ones' entries move to the
 * kept record, unless that month's list of that owner already has it (then the duplicate goes).
 */
export async function moveKeyAccountEntries(
  tx: Db,
  entityType: 'doctor' | 'hospital',
  keepId: string,
  mergeIds: string[],
) {
  const result = await tx.execute(sql`
    with candidates as (
      select distinct on (k.month, k.owner_id) k.month, k.owner_id, k.entity_id
      from key_account_snapshots k
      where k.entity_type = ${entityType} and k.entity_id in ${uuidList(mergeIds)}
        and not exists (
          select 1 from key_account_snapshots x
          where x.month = k.month and x.owner_id = k.owner_id and x.entity_type = k.entity_type and x.entity_id = ${keepId}::uuid)
      order by k.month, k.owner_id, k.value desc
    )
    update key_account_snapshots k set entity_id = ${keepId}::uuid
    from candidates c
    where k.month = c.month and k.owner_id = c.owner_id and k.entity_type = ${entityType} and k.entity_id = c.entity_id
    returning k.month`);
  await tx
    .delete(keyAccountSnapshots)
    .where(
      and(eq(keyAccountSnapshots.entityType, entityType), inArray(keyAccountSnapshots.entityId, mergeIds)),
    );
  return rowsOf(result).length;
}

// ── Merging hospitals ───────────────────────────────────────────────────────

const hospitalFields = {
  id: hospitals.id,
  code: hospitals.code,
  name: hospitals.name,
  alias: hospitals.alias,
  level: hospitals.level,
  type: hospitals.type,
  province: hospitals.province,
  city: hospitals.city,
  district: hospitals.district,
  address: hospitals.address,
  beds: hospitals.beds,
  outpatientsPerDay: hospitals.outpatientsPerDay,
  drugUseLevel: hospitals.drugUseLevel,
  competitorCount: hospitals.competitorCount,
  competitionStrength: hospitals.competitionStrength,
  hasDominantCompetitor: hospitals.hasDominantCompetitor,
  notes: hospitals.notes,
  mergedInto: hospitals.mergedInto,
};
export type MergeHospital = Awaited<ReturnType<typeof lockHospitals>>[number];

export async function lockHospitals(tx: Db, ids: string[]) {
  return tx
    .select(hospitalFields)
    .from(hospitals)
    .where(and(inArray(hospitals.id, ids), isNull(hospitals.mergedInto)))
    .for('update');
}

export async function getHospitalRecord(tx: Db, id: string) {
  const [row] = await tx.select(hospitalFields).from(hospitals).where(eq(hospitals.id, id));
  return row;
}

export async function updateHospital(tx: Db, id: string, values: Partial<typeof hospitals.$inferInsert>) {
  await tx
    .update(hospitals)
    .set({ ...values, version: sql`${hospitals.version} + 1`, updatedAt: sql`now()` })
    .where(eq(hospitals.id, id));
}

export async function markHospitalsMerged(tx: Db, keepId: string, mergeIds: string[]) {
  await tx
    .update(hospitals)
    .set({ mergedInto: keepId, version: sql`${hospitals.version} + 1`, updatedAt: sql`now()` })
    .where(inArray(hospitals.id, mergeIds));
  await tx.update(hospitals).set({ mergedInto: keepId }).where(inArray(hospitals.mergedInto, mergeIds));
}

const departmentFields = ['headcount', 'structure', 'beds', 'specialty'] as const;

/**
 * 科室 of the merged hospitals: one the kept hospital also has (same name) is folded into it — its
 * doctors and contacts move, blanks are filled — and stays behind with the merged hospital;
 * any other moves to the kept hospital.
 */
export async function mergeDepartments(tx: Db, keepId: string, mergeIds: string[]) {
  const rows = await tx
    .select()
    .from(departments)
    .where(inArray(departments.hospitalId, [keepId, ...mergeIds]))
    .orderBy(asc(departments.createdAt), asc(departments.id));
  const kept = new Map(rows.filter((d) => d.hospitalId === keepId).map((d) => [d.name, d]));
  let moved = 0;
  let folded = 0;
  for (const d of rows.filter((r) => r.hospitalId !== keepId)) {
    const target = kept.get(d.name);
    if (!target) {
      await tx
        .update(departments)
        .set({ hospitalId: keepId, version: sql`${departments.version} + 1`, updatedAt: sql`now()` })
        .where(eq(departments.id, d.id));
      kept.set(d.name, { ...d, hospitalId: keepId });
      moved++;
      continue;
    }
    await tx.update(doctors).set({ departmentId: target.id }).where(eq(doctors.departmentId, d.id));
    await tx.update(keyContacts).set({ departmentId: target.id }).where(eq(keyContacts.departmentId, d.id));
    const filled = fillBlanks(target, [d], departmentFields);
    if (Object.keys(filled).length) {
      await tx
        .update(departments)
        .set({ ...filled, version: sql`${departments.version} + 1`, updatedAt: sql`now()` })
        .where(eq(departments.id, target.id));
      kept.set(d.name, { ...target, ...filled });
    }
    folded++;
  }
  return { departments: moved, departmentsFolded: folded };
}

/** Doctors and key contacts of the merged hospitals now belong to the kept one. */
export async function moveHospitalPeople(tx: Db, keepId: string, mergeIds: string[]) {
  const movedDoctors = await tx
    .update(doctors)
    .set({ hospitalId: keepId, version: sql`${doctors.version} + 1`, updatedAt: sql`now()` })
    .where(inArray(doctors.hospitalId, mergeIds))
    .returning({ id: doctors.id });
  const movedContacts = await tx
    .update(keyContacts)
    .set({ hospitalId: keepId, version: sql`${keyContacts.version} + 1`, updatedAt: sql`now()` })
    .where(inArray(keyContacts.hospitalId, mergeIds))
    .returning({ id: keyContacts.id });
  return { doctors: movedDoctors.length, keyContacts: movedContacts.length };
}

/** The territories holding a merged hospital hold the kept one instead. */
export async function moveTerritoryHospitals(tx: Db, keepId: string, mergeIds: string[]) {
  const links = await tx
    .select({ territoryId: territoryHospitals.territoryId })
    .from(territoryHospitals)
    .where(inArray(territoryHospitals.hospitalId, mergeIds));
  if (!links.length) return 0;
  await tx
    .insert(territoryHospitals)
    .values(
      [...new Set(links.map((l) => l.territoryId))].map((territoryId) => ({
        territoryId,
        hospitalId: keepId,
      })),
    )
    .onConflictDoNothing();
  await tx.delete(territoryHospitals).where(inArray(territoryHospitals.hospitalId, mergeIds));
  return links.length;
}

/**
 * 进药 status per product: a listing beats none, the earlier listing date beats a later one, the
 * kept hospital's row wins a tie; the winner ends up on the kept hospital.
 */
export async function mergeListings(tx: Db, keepId: string, mergeIds: string[]) {
  const rows = await tx
    .select()
    .from(hospitalProductListings)
    .where(inArray(hospitalProductListings.hospitalId, [keepId, ...mergeIds]));
  const better = (a: (typeof rows)[number], b: (typeof rows)[number]) => {
    if (a.listed !== b.listed) return a.listed;
    if (a.listed && a.listedAt !== b.listedAt)
      return !!a.listedAt && (!b.listedAt || a.listedAt < b.listedAt);
    return false;
  };
  let moved = 0;
  for (const productId of new Set(rows.map((r) => r.productId))) {
    const forProduct = rows.filter((r) => r.productId === productId);
    const kept = forProduct.find((r) => r.hospitalId === keepId);
    let best = kept;
    for (const r of forProduct) if (r.hospitalId !== keepId && (!best || better(r, best))) best = r;
    if (best && best !== kept) {
      const values = { listed: best.listed, listedAt: best.listedAt, updatedBy: best.updatedBy };
      await tx
        .insert(hospitalProductListings)
        .values({ ...values, hospitalId: keepId, productId })
        .onConflictDoUpdate({
          target: [hospitalProductListings.hospitalId, hospitalProductListings.productId],
          set: { ...values, updatedAt: sql`now()` },
        });
      moved++;
    }
    await tx
      .delete(hospitalProductListings)
      .where(
        and(
          eq(hospitalProductListings.productId, productId),
          inArray(hospitalProductListings.hospitalId, mergeIds),
        ),
      );
  }
  return moved;
}

import {
  and,
  asc,
  countDistinct,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  departments,
  doctorLadderHistory,
  doctorProductStatus,
  doctors,
  doctorScores,
  doctorStageHistory,
  hospitalProductListings,
  hospitals,
  keyAccountSnapshots,
  kolProfiles,
  products,
  segmentationConfigs,
  users,
} from '../../db/schema.ts';
import { countAll, toIso } from '../../db/list.ts';
import { indexedNameSearch } from '../accounts/accounts.repository.ts';

export { doctors, hospitals };

export type ConfigKind = 'hospitalGrading' | 'doctorGrading' | 'keyAccounts';

const actorRef = (id: string | null, name: string | null) => (id && name ? { id, name } : null);

// ── Configs ──────────────────────────────────────────────────────────────────

/** Config versions of one kind get a stable number: 1 for the first saved, counting by time. */
export async function getLatestConfig(db: Db, kind: ConfigKind) {
  const [row] = await db
    .select({
      id: segmentationConfigs.id,
      config: segmentationConfigs.config,
      createdAt: segmentationConfigs.createdAt,
      createdById: segmentationConfigs.createdBy,
      createdByName: users.name,
      version: sql<number>`(select count(*)::int from segmentation_configs c where c.kind = ${kind})`,
    })
    .from(segmentationConfigs)
    .leftJoin(users, eq(users.id, segmentationConfigs.createdBy))
    .where(eq(segmentationConfigs.kind, kind))
    .orderBy(desc(segmentationConfigs.createdAt), desc(segmentationConfigs.id))
    .limit(1);
  if (!row) return undefined;
  return {
    id: row.id,
    config: row.config as Record<string, unknown>,
    version: row.version,
    savedAt: toIso(row.createdAt),
    savedBy: actorRef(row.createdById, row.createdByName),
  };
}

/** Serialises saves of one config kind, so the version check and the re-grading see one writer. */
export async function lockConfigKind(tx: Db, kind: ConfigKind): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`segmentation_configs:${kind}`}))`);
}

export async function countConfigs(db: Db, kind: ConfigKind): Promise<number> {
  const [row] = await db
    .select({ n: countAll })
    .from(segmentationConfigs)
    .where(eq(segmentationConfigs.kind, kind));
  return row?.n ?? 0;
}

export async function insertConfig(
  tx: Db,
  values: { kind: ConfigKind; config: unknown; regradeSummary: unknown; createdBy: string },
): Promise<string> {
  // clock_timestamp: two saves in one transaction (tests) must still order by time
  const [row] = await tx
    .insert(segmentationConfigs)
    .values({ ...values, createdAt: sql`clock_timestamp()` })
    .returning({ id: segmentationConfigs.id });
  return row!.id;
}

export async function getConfigById(db: Db, id: string) {
  const [row] = await db
    .select({
      id: segmentationConfigs.id,
      kind: segmentationConfigs.kind,
      config: segmentationConfigs.config,
      regradeSummary: segmentationConfigs.regradeSummary,
      createdBy: segmentationConfigs.createdBy,
    })
    .from(segmentationConfigs)
    .where(eq(segmentationConfigs.id, id));
  return row;
}

/** Newest first; a version's number counts the saved versions up to it (1 for the first). */
export async function findConfigHistory(db: Db, kind: ConfigKind, page: number, pageSize: number) {
  const [rows, [c]] = await Promise.all([
    db
      .select({
        id: segmentationConfigs.id,
        createdAt: segmentationConfigs.createdAt,
        createdById: segmentationConfigs.createdBy,
        createdByName: users.name,
        config: segmentationConfigs.config,
        summary: segmentationConfigs.regradeSummary,
      })
      .from(segmentationConfigs)
      .leftJoin(users, eq(users.id, segmentationConfigs.createdBy))
      .where(eq(segmentationConfigs.kind, kind))
      .orderBy(desc(segmentationConfigs.createdAt), desc(segmentationConfigs.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: countAll }).from(segmentationConfigs).where(eq(segmentationConfigs.kind, kind)),
  ]);
  const total = c?.n ?? 0;
  return {
    total,
    rows: rows.map((r, i) => ({
      id: r.id,
      version: total - (page - 1) * pageSize - i,
      createdAt: toIso(r.createdAt),
      createdBy: actorRef(r.createdById, r.createdByName),
      config: r.config as Record<string, unknown>,
      summary: (r.summary ?? null) as Record<string, unknown> | null,
    })),
  };
}

// ── Re-grading ───────────────────────────────────────────────────────────────

/** Every hospital (merged duplicates aside), or the given ones, with what grading reads. */
export async function findHospitalsForGrading(db: Db, ids?: readonly string[]) {
  return db
    .select({
      id: hospitals.id,
      grade: hospitals.grade,
      level: hospitals.level,
      beds: hospitals.beds,
      outpatientsPerDay: hospitals.outpatientsPerDay,
      drugUseLevel: hospitals.drugUseLevel,
      competitorCount: hospitals.competitorCount,
      competitionStrength: hospitals.competitionStrength,
      hasDominantCompetitor: hospitals.hasDominantCompetitor,
    })
    .from(hospitals)
    .where(and(isNull(hospitals.mergedInto), ids ? inArray(hospitals.id, [...ids]) : undefined));
}

/** One statement for all hospitals: arrays travel as parameters and are unnested. */
export async function updateHospitalGrades(
  tx: Db,
  rows: readonly { id: string; grade: string; score: number }[],
): Promise<void> {
  const size = 5000;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await tx.execute(sql`
      update hospitals h set grade = v.grade, grade_score = v.score, graded_at = now()
      from unnest(${sql.param(chunk.map((r) => r.id))}::uuid[],
                  ${sql.param(chunk.map((r) => r.grade))}::text[],
                  ${sql.param(chunk.map((r) => r.score))}::int[]) as v(id, grade, score)
      where h.id = v.id`);
  }
}

export async function findStatusesForGrading(db: Db) {
  return db
    .select({
      doctorId: doctorProductStatus.doctorId,
      productId: doctorProductStatus.productId,
      status: doctorProductStatus.prescriptionStatus,
      potential: doctorProductStatus.prescriptionPotential,
      grade: doctorProductStatus.grade,
      visitsPerCycle: doctorProductStatus.visitsPerCycle,
    })
    .from(doctorProductStatus);
}

export async function updateStatusGrades(
  tx: Db,
  rows: readonly { doctorId: string; productId: string; grade: string; visitsPerCycle: number }[],
): Promise<void> {
  const size = 5000;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await tx.execute(sql`
      update doctor_product_status s set grade = v.grade, visits_per_cycle = v.visits, updated_at = now()
      from unnest(${sql.param(chunk.map((r) => r.doctorId))}::uuid[],
                  ${sql.param(chunk.map((r) => r.productId))}::uuid[],
                  ${sql.param(chunk.map((r) => r.grade))}::text[],
                  ${sql.param(chunk.map((r) => r.visitsPerCycle))}::int[]) as v(doctor_id, product_id, grade, visits)
      where s.doctor_id = v.doctor_id and s.product_id = v.product_id`);
  }
}

// ── Hospitals and listings ───────────────────────────────────────────────────

export async function getHospitalInScope(db: Db, id: string, scope: SQL | undefined) {
  const [row] = await db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(and(eq(hospitals.id, id), isNull(hospitals.mergedInto), scope));
  return row;
}

export async function getProduct(db: Db, id: string) {
  const [row] = await db
    .select({ id: products.id, name: products.name, active: products.active })
    .from(products)
    .where(eq(products.id, id));
  return row;
}

/** Active products, plus inactive ones with a listing recorded here, each with its listing (if any). */
export async function findListings(db: Db, hospitalId: string) {
  const rows = await db
    .select({
      productId: products.id,
      productName: products.name,
      genericName: products.genericName,
      listed: hospitalProductListings.listed,
      listedAt: hospitalProductListings.listedAt,
      updatedAt: hospitalProductListings.updatedAt,
      updatedById: hospitalProductListings.updatedBy,
      updatedByName: users.name,
    })
    .from(products)
    .leftJoin(
      hospitalProductListings,
      and(
        eq(hospitalProductListings.productId, products.id),
        eq(hospitalProductListings.hospitalId, hospitalId),
      ),
    )
    .leftJoin(users, eq(users.id, hospitalProductListings.updatedBy))
    .where(or(eq(products.active, true), sql`${hospitalProductListings.productId} is not null`))
    .orderBy(asc(products.name), asc(products.id));
  return rows.map((r) => ({
    productId: r.productId,
    productName: r.productName,
    genericName: r.genericName,
    listed: r.listed ?? false,
    listedAt: r.listedAt ?? null,
    updatedAt: r.updatedAt ? toIso(r.updatedAt) : null,
    updatedBy: actorRef(r.updatedById, r.updatedByName),
  }));
}

export async function getListing(db: Db, hospitalId: string, productId: string) {
  const [row] = await db
    .select({ listed: hospitalProductListings.listed, listedAt: hospitalProductListings.listedAt })
    .from(hospitalProductListings)
    .where(
      and(
        eq(hospitalProductListings.hospitalId, hospitalId),
        eq(hospitalProductListings.productId, productId),
      ),
    );
  return row;
}

export async function upsertListing(
  tx: Db,
  values: {
    hospitalId: string;
    productId: string;
    listed: boolean;
    listedAt: string | null;
    updatedBy: string;
  },
): Promise<void> {
  await tx
    .insert(hospitalProductListings)
    .values({ ...values, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [hospitalProductListings.hospitalId, hospitalProductListings.productId],
      set: {
        listed: values.listed,
        listedAt: values.listedAt,
        updatedBy: values.updatedBy,
        updatedAt: sql`now()`,
      },
    });
}

/** Doctors at the hospital whose current status for the product says "listed" (0…4). */
export async function countListedStatuses(db: Db, hospitalId: string, productId: string): Promise<number> {
  const [row] = await db
    .select({ n: countAll })
    .from(doctorProductStatus)
    .innerJoin(doctors, eq(doctors.id, doctorProductStatus.doctorId))
    .where(
      and(
        eq(doctors.hospitalId, hospitalId),
        isNull(doctors.mergedInto),
        eq(doctorProductStatus.productId, productId),
        gte(doctorProductStatus.prescriptionStatus, 0),
      ),
    );
  return row?.n ?? 0;
}

// ── Doctors ──────────────────────────────────────────────────────────────────

export async function getDoctorInScope(db: Db, id: string, scope: SQL | undefined) {
  const [row] = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      hospitalId: doctors.hospitalId,
      relationshipStage: doctors.relationshipStage,
    })
    .from(doctors)
    .where(and(eq(doctors.id, id), isNull(doctors.mergedInto), scope));
  return row;
}

/**
 * Locks the doctor row for a stage or score change (two reps at once must not both pass the check). "No key
 * update" still serialises the writers, but leaves the key-share locks of foreign keys alone: two reps' call
 * submissions on one doctor each insert a row referencing it first, and FOR UPDATE then deadlocked them.
 */
export async function lockDoctor(tx: Db, id: string) {
  const [row] = await tx
    .select({ id: doctors.id, hospitalId: doctors.hospitalId, relationshipStage: doctors.relationshipStage })
    .from(doctors)
    .where(eq(doctors.id, id))
    .for('no key update');
  return row;
}

const statusColumns = {
  productId: doctorProductStatus.productId,
  prescriptionStatus: doctorProductStatus.prescriptionStatus,
  prescriptionPotential: doctorProductStatus.prescriptionPotential,
  grade: doctorProductStatus.grade,
  visitsPerCycle: doctorProductStatus.visitsPerCycle,
  adoptionStep: doctorProductStatus.adoptionStep,
  assessedOn: doctorProductStatus.assessedOn,
  version: doctorProductStatus.version,
};

export async function getCurrentStatus(db: Db, doctorId: string, productId: string) {
  const [row] = await db
    .select(statusColumns)
    .from(doctorProductStatus)
    .where(and(eq(doctorProductStatus.doctorId, doctorId), eq(doctorProductStatus.productId, productId)));
  return row;
}

export async function findCurrentStatuses(db: Db, doctorId: string) {
  return db.select(statusColumns).from(doctorProductStatus).where(eq(doctorProductStatus.doctorId, doctorId));
}

export type ScoreValues = {
  doctorId: string;
  productId: string;
  prescriptionStatus: number;
  prescriptionPotential: number;
  grade: string;
  visitsPerCycle: number;
  adoptionStep: number | null;
  assessedOn: string;
  assessedBy: string;
  note: string | null;
};

export async function insertScore(tx: Db, v: ScoreValues): Promise<string> {
  const [row] = await tx
    .insert(doctorScores)
    .values({
      doctorId: v.doctorId,
      productId: v.productId,
      prescriptionStatus: v.prescriptionStatus,
      prescriptionPotential: v.prescriptionPotential,
      grade: v.grade,
      adoptionStep: v.adoptionStep,
      assessedOn: v.assessedOn,
      assessedBy: v.assessedBy,
      note: v.note,
    })
    .returning({ id: doctorScores.id });
  return row!.id;
}

/** The latest score becomes the current status; `adoptionStep` carries the step in force. */
export async function upsertStatus(tx: Db, v: ScoreValues & { currentStep: number | null }): Promise<void> {
  const values = {
    prescriptionStatus: v.prescriptionStatus,
    prescriptionPotential: v.prescriptionPotential,
    grade: v.grade,
    visitsPerCycle: v.visitsPerCycle,
    adoptionStep: v.currentStep,
    assessedOn: v.assessedOn,
  };
  await tx
    .insert(doctorProductStatus)
    .values({ doctorId: v.doctorId, productId: v.productId, ...values })
    .onConflictDoUpdate({
      target: [doctorProductStatus.doctorId, doctorProductStatus.productId],
      set: { ...values, version: sql`${doctorProductStatus.version} + 1`, updatedAt: sql`now()` },
    });
}

export async function setStatusAdoptionStep(tx: Db, doctorId: string, productId: string, step: number) {
  await tx
    .update(doctorProductStatus)
    .set({ adoptionStep: step, version: sql`${doctorProductStatus.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(doctorProductStatus.doctorId, doctorId), eq(doctorProductStatus.productId, productId)));
}

export async function findScores(db: Db, doctorId: string, productId?: string) {
  const rows = await db
    .select({
      id: doctorScores.id,
      productId: doctorScores.productId,
      productName: products.name,
      prescriptionStatus: doctorScores.prescriptionStatus,
      prescriptionPotential: doctorScores.prescriptionPotential,
      grade: doctorScores.grade,
      adoptionStep: doctorScores.adoptionStep,
      assessedOn: doctorScores.assessedOn,
      assessedById: doctorScores.assessedBy,
      assessedByName: users.name,
      note: doctorScores.note,
      createdAt: doctorScores.createdAt,
    })
    .from(doctorScores)
    .innerJoin(products, eq(products.id, doctorScores.productId))
    .leftJoin(users, eq(users.id, doctorScores.assessedBy))
    .where(
      and(eq(doctorScores.doctorId, doctorId), productId ? eq(doctorScores.productId, productId) : undefined),
    )
    .orderBy(asc(doctorScores.assessedOn), asc(doctorScores.createdAt), asc(doctorScores.id));
  return rows.map(({ assessedById, assessedByName, createdAt, ...r }) => ({
    ...r,
    assessedBy: actorRef(assessedById, assessedByName),
    createdAt: toIso(createdAt),
  }));
}

export async function getScore(db: Db, id: string) {
  const [row] = await db.select().from(doctorScores).where(eq(doctorScores.id, id));
  return row && { ...row, createdAt: toIso(row.createdAt) };
}

/** The step in force: the latest ladder change (by date, then entry). */
export async function getCurrentStep(db: Db, doctorId: string, productId: string): Promise<number | null> {
  const [row] = await db
    .select({ step: doctorLadderHistory.toStep })
    .from(doctorLadderHistory)
    .where(and(eq(doctorLadderHistory.doctorId, doctorId), eq(doctorLadderHistory.productId, productId)))
    .orderBy(desc(doctorLadderHistory.changedOn), desc(doctorLadderHistory.createdAt))
    .limit(1);
  return row?.step ?? null;
}

export async function insertLadderChange(
  tx: Db,
  v: {
    doctorId: string;
    productId: string;
    fromStep: number | null;
    toStep: number;
    changedOn: string;
    changedBy: string;
    reason: string | null;
  },
): Promise<string> {
  const [row] = await tx
    .insert(doctorLadderHistory)
    .values({ ...v, createdAt: sql`clock_timestamp()` })
    .returning({ id: doctorLadderHistory.id });
  return row!.id;
}

const ladderColumns = {
  id: doctorLadderHistory.id,
  productId: doctorLadderHistory.productId,
  fromStep: doctorLadderHistory.fromStep,
  toStep: doctorLadderHistory.toStep,
  changedOn: doctorLadderHistory.changedOn,
  changedById: doctorLadderHistory.changedBy,
  changedByName: users.name,
  reason: doctorLadderHistory.reason,
};
type LadderRow = { changedById: string | null; changedByName: string | null } & Record<string, unknown>;
const toChange = <T extends LadderRow>({ changedById, changedByName, ...r }: T) => ({
  ...r,
  changedBy: actorRef(changedById, changedByName),
});

/** Newest first. */
export async function findLadderHistory(db: Db, doctorId: string) {
  const rows = await db
    .select(ladderColumns)
    .from(doctorLadderHistory)
    .leftJoin(users, eq(users.id, doctorLadderHistory.changedBy))
    .where(eq(doctorLadderHistory.doctorId, doctorId))
    .orderBy(desc(doctorLadderHistory.changedOn), desc(doctorLadderHistory.createdAt));
  return rows.map(toChange);
}

export async function getLadderChange(db: Db, id: string) {
  const [row] = await db
    .select(ladderColumns)
    .from(doctorLadderHistory)
    .leftJoin(users, eq(users.id, doctorLadderHistory.changedBy))
    .where(eq(doctorLadderHistory.id, id));
  return row && toChange(row);
}

/** Newest first. */
export async function findStageHistory(db: Db, doctorId: string) {
  const rows = await db
    .select({
      id: doctorStageHistory.id,
      fromStage: doctorStageHistory.fromStage,
      toStage: doctorStageHistory.toStage,
      changedOn: doctorStageHistory.changedOn,
      changedById: doctorStageHistory.changedBy,
      changedByName: users.name,
      reason: doctorStageHistory.reason,
    })
    .from(doctorStageHistory)
    .leftJoin(users, eq(users.id, doctorStageHistory.changedBy))
    .where(eq(doctorStageHistory.doctorId, doctorId))
    .orderBy(desc(doctorStageHistory.changedOn), desc(doctorStageHistory.createdAt));
  return rows.map(toChange);
}

export async function changeDoctorStage(
  tx: Db,
  v: {
    doctorId: string;
    fromStage: number | null;
    toStage: number;
    changedOn: string;
    changedBy: string;
    reason: string;
  },
): Promise<void> {
  await tx
    .update(doctors)
    .set({ relationshipStage: v.toStage, version: sql`${doctors.version} + 1`, updatedAt: sql`now()` })
    .where(eq(doctors.id, v.doctorId));
  await tx.insert(doctorStageHistory).values({ ...v, createdAt: sql`clock_timestamp()` });
}

/** Products carried by the territories that cover the hospital. */
export async function findCarriedProductIds(db: Db, hospitalId: string): Promise<string[]> {
  const result = (await db.execute(sql`
    select distinct unnest(t.product_ids) as id
    from territory_hospitals th join territories t on t.id = th.territory_id
    where th.hospital_id = ${hospitalId} and t.active`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

export async function findProductsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: products.id, name: products.name, active: products.active })
    .from(products)
    .where(inArray(products.id, ids))
    .orderBy(asc(products.name), asc(products.id));
}

export async function findListingsOf(db: Db, hospitalId: string) {
  return db
    .select({
      productId: hospitalProductListings.productId,
      listed: hospitalProductListings.listed,
      listedAt: hospitalProductListings.listedAt,
    })
    .from(hospitalProductListings)
    .where(eq(hospitalProductListings.hospitalId, hospitalId));
}

// ── KOL ──────────────────────────────────────────────────────────────────────

const kolColumns = {
  doctorId: kolProfiles.doctorId,
  types: kolProfiles.types,
  policyRoles: kolProfiles.policyRoles,
  developmentStep: kolProfiles.developmentStep,
  contactCadence: kolProfiles.contactCadence,
  lockInRoles: kolProfiles.lockInRoles,
  lastContactOn: kolProfiles.lastContactOn,
  notes: kolProfiles.notes,
  version: kolProfiles.version,
  updatedAt: kolProfiles.updatedAt,
};

export async function getKolProfile(db: Db, doctorId: string) {
  const [row] = await db.select(kolColumns).from(kolProfiles).where(eq(kolProfiles.doctorId, doctorId));
  return row && { ...row, updatedAt: toIso(row.updatedAt) };
}

export type KolValues = {
  types: string[];
  policyRoles: string[];
  developmentStep: string;
  contactCadence: string | null;
  lockInRoles: string[];
  lastContactOn: string | null;
  notes: string | null;
};

export async function insertKolProfile(tx: Db, doctorId: string, v: KolValues): Promise<void> {
  await tx.insert(kolProfiles).values({ doctorId, ...v });
}

/** Optimistic lock on the profile; false when the version is stale. */
export async function updateKolProfile(
  tx: Db,
  doctorId: string,
  version: number,
  v: KolValues,
): Promise<boolean> {
  const rows = await tx
    .update(kolProfiles)
    .set({ ...v, version: sql`${kolProfiles.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(kolProfiles.doctorId, doctorId), eq(kolProfiles.version, version)))
    .returning({ doctorId: kolProfiles.doctorId });
  return rows.length === 1;
}

export type KolFilter = { scope?: SQL; type?: string; developmentStep?: string; q?: string };

export async function findKols(db: Db, f: KolFilter) {
  const rows = await db
    .select({
      ...kolColumns,
      doctorName: doctors.name,
      hospitalId: hospitals.id,
      hospitalName: hospitals.name,
      departmentName: departments.name,
      title: doctors.title,
    })
    .from(kolProfiles)
    .innerJoin(doctors, eq(doctors.id, kolProfiles.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId))
    .where(
      and(
        isNull(doctors.mergedInto),
        f.scope,
        f.type ? sql`${f.type} = any(${kolProfiles.types})` : undefined,
        f.developmentStep ? eq(kolProfiles.developmentStep, f.developmentStep) : undefined,
        // the doctors' search-gram index, as the doctor list (migration 0014)
        indexedNameSearch(f.q, doctors.name, doctors.nameInitials),
      ),
    )
    .orderBy(asc(hospitals.name), asc(doctors.name), asc(doctors.id));
  return rows.map((r) => ({ ...r, updatedAt: toIso(r.updatedAt) }));
}

// ── High potential and key accounts ──────────────────────────────────────────

export async function findScoredDoctors(
  db: Db,
  f: { scope?: SQL; productId?: string; minPotential?: number; maxStatus?: number },
) {
  return db
    .select({
      doctorId: doctors.id,
      doctorName: doctors.name,
      hospitalId: hospitals.id,
      hospitalName: hospitals.name,
      departmentName: departments.name,
      title: doctors.title,
      productId: products.id,
      productName: products.name,
      status: doctorProductStatus.prescriptionStatus,
      potential: doctorProductStatus.prescriptionPotential,
      grade: doctorProductStatus.grade,
      visitsPerCycle: doctorProductStatus.visitsPerCycle,
    })
    .from(doctorProductStatus)
    .innerJoin(doctors, eq(doctors.id, doctorProductStatus.doctorId))
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .innerJoin(products, eq(products.id, doctorProductStatus.productId))
    .leftJoin(departments, eq(departments.id, doctors.departmentId))
    .where(
      and(
        isNull(doctors.mergedInto),
        f.scope,
        f.productId ? eq(doctorProductStatus.productId, f.productId) : undefined,
        f.minPotential === undefined
          ? undefined
          : gte(doctorProductStatus.prescriptionPotential, f.minPotential),
        f.maxStatus === undefined ? undefined : lte(doctorProductStatus.prescriptionStatus, f.maxStatus),
      ),
    );
}

export async function replaceSnapshot(
  tx: Db,
  key: { month: string; ownerId: string; entityType: string },
  items: readonly { id: string; value: number }[],
): Promise<void> {
  await tx
    .delete(keyAccountSnapshots)
    .where(
      and(
        eq(keyAccountSnapshots.month, key.month),
        eq(keyAccountSnapshots.ownerId, key.ownerId),
        eq(keyAccountSnapshots.entityType, key.entityType),
      ),
    );
  if (items.length === 0) return;
  await tx
    .insert(keyAccountSnapshots)
    .values(items.map((i) => ({ ...key, entityId: i.id, value: Math.round(i.value) })));
}

export async function findSnapshot(db: Db, key: { month: string; ownerId: string; entityType: string }) {
  return db
    .select({ id: keyAccountSnapshots.entityId, value: keyAccountSnapshots.value })
    .from(keyAccountSnapshots)
    .where(
      and(
        eq(keyAccountSnapshots.month, key.month),
        eq(keyAccountSnapshots.ownerId, key.ownerId),
        eq(keyAccountSnapshots.entityType, key.entityType),
      ),
    )
    .orderBy(desc(keyAccountSnapshots.value), asc(keyAccountSnapshots.entityId));
}

/** The owner's latest snapshot month before `month` (any entity), or undefined. */
export async function findPreviousSnapshotMonth(
  db: Db,
  key: { month: string; ownerId: string; entityType: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ month: keyAccountSnapshots.month })
    .from(keyAccountSnapshots)
    .where(
      and(
        lt(keyAccountSnapshots.month, key.month),
        eq(keyAccountSnapshots.ownerId, key.ownerId),
        eq(keyAccountSnapshots.entityType, key.entityType),
      ),
    )
    .groupBy(keyAccountSnapshots.month)
    .orderBy(desc(keyAccountSnapshots.month))
    .limit(1);
  return row?.month;
}

export async function countSnapshotMonths(db: Db, ownerId: string): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(keyAccountSnapshots.month) })
    .from(keyAccountSnapshots)
    .where(eq(keyAccountSnapshots.ownerId, ownerId));
  return row?.n ?? 0;
}

export async function findNames(db: Db, entity: 'doctor' | 'hospital', ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const table = entity === 'doctor' ? doctors : hospitals;
  const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

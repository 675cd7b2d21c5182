/** Queries of 竞品情报: competitor products, usage judgements, activities, and the rows the pressure is scored from. */
import { and, desc, eq, gte, ilike, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { alias } from 'drizzle-orm/pg-core';
import {
  competitorActivities,
  competitorProducts,
  competitorUsages,
  doctors,
  hospitals,
  products,
  users,
} from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

export { competitorActivities, competitorProducts, competitorUsages, doctors, hospitals };

type Page = { page: number; pageSize: number; sort?: string };

// ── competitor products ──────────────────────────────────────────────────────

const productColumns = {
  id: competitorProducts.id,
  name: competitorProducts.name,
  company: competitorProducts.company,
  therapeuticArea: competitorProducts.therapeuticArea,
  productId: competitorProducts.productId,
  productName: products.name,
  active: competitorProducts.active,
  version: competitorProducts.version,
  createdAt: competitorProducts.createdAt,
  updatedAt: competitorProducts.updatedAt,
};

const selectProducts = (db: Db, where: SQL | undefined) =>
  db
    .select(productColumns)
    .from(competitorProducts)
    .leftJoin(products, eq(products.id, competitorProducts.productId))
    .where(where);

const productRow = (r: Awaited<ReturnType<typeof selectProducts>>[number]) => ({
  ...r,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type CompetitorProductRow = ReturnType<typeof productRow>;

export type ProductFilter = { q?: string; therapeuticArea?: string; productId?: string; active?: boolean };

export async function findCompetitorProducts(db: Db, f: ProductFilter, page: Page) {
  const where = and(
    f.q
      ? or(
          ilike(competitorProducts.name, likePattern(f.q)),
          ilike(competitorProducts.company, likePattern(f.q)),
        )
      : undefined,
    f.therapeuticArea ? eq(competitorProducts.therapeuticArea, f.therapeuticArea) : undefined,
    f.productId ? eq(competitorProducts.productId, f.productId) : undefined,
    f.active === undefined ? undefined : eq(competitorProducts.active, f.active),
  );
  const [rows, [total]] = await Promise.all([
    selectProducts(db, where)
      .orderBy(
        ...orderBy(
          page.sort,
          {
            name: competitorProducts.name,
            company: competitorProducts.company,
            therapeuticArea: competitorProducts.therapeuticArea,
          },
          'therapeuticArea',
          competitorProducts.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(competitorProducts).where(where),
  ]);
  return { rows: rows.map(productRow), total: total?.n ?? 0 };
}

export async function getCompetitorProduct(db: Db, id: string) {
  const [row] = await selectProducts(db, eq(competitorProducts.id, id));
  return row ? productRow(row) : undefined;
}

export async function insertCompetitorProduct(db: Db, values: typeof competitorProducts.$inferInsert) {
  const [row] = await db.insert(competitorProducts).values(values).returning({ id: competitorProducts.id });
  return row!.id;
}

export async function productExists(db: Db, id: string) {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, id));
  return Boolean(row);
}

// ── hospitals and doctors ────────────────────────────────────────────────────

/** The hospital, if `visible` (the caller's hospital scope) lets the caller see it. */
export async function getVisibleHospital(db: Db, id: string, visible: SQL | undefined) {
  const [row] = await db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(and(eq(hospitals.id, id), visible));
  return row;
}

/** The doctor, if `visible` (the caller's doctor scope) lets the caller see them. */
export async function getVisibleDoctor(db: Db, id: string, visible: SQL | undefined) {
  const [row] = await db
    .select({
      id: doctors.id,
      name: doctors.name,
      hospitalId: doctors.hospitalId,
      hospitalName: hospitals.name,
    })
    .from(doctors)
    .innerJoin(hospitals, eq(hospitals.id, doctors.hospitalId))
    .where(and(eq(doctors.id, id), visible));
  return row;
}

export async function getDoctorHospital(db: Db, id: string) {
  const [row] = await db.select({ hospitalId: doctors.hospitalId }).from(doctors).where(eq(doctors.id, id));
  return row?.hospitalId;
}

// ── usage judgements ─────────────────────────────────────────────────────────

const recorder = alias(users, 'recorder');

const usageColumns = {
  id: competitorUsages.id,
  hospitalId: competitorUsages.hospitalId,
  hospitalName: hospitals.name,
  doctorId: competitorUsages.doctorId,
  doctorName: doctors.name,
  competitorProductId: competitorUsages.competitorProductId,
  competitorProductName: competitorProducts.name,
  company: competitorProducts.company,
  therapeuticArea: competitorProducts.therapeuticArea,
  judgement: competitorUsages.judgement,
  observedOn: competitorUsages.observedOn,
  source: competitorUsages.source,
  note: competitorUsages.note,
  recordedBy: competitorUsages.recordedBy,
  recordedByName: recorder.name,
  createdAt: competitorUsages.createdAt,
};

const selectUsages = (db: Db, where: SQL | undefined) =>
  db
    .select(usageColumns)
    .from(competitorUsages)
    .innerJoin(hospitals, eq(hospitals.id, competitorUsages.hospitalId))
    .innerJoin(competitorProducts, eq(competitorProducts.id, competitorUsages.competitorProductId))
    .innerJoin(recorder, eq(recorder.id, competitorUsages.recordedBy))
    .leftJoin(doctors, eq(doctors.id, competitorUsages.doctorId))
    .where(where);

const usageRow = (r: Awaited<ReturnType<typeof selectUsages>>[number]) => ({
  ...r,
  createdAt: toIso(r.createdAt),
});
export type UsageRow = ReturnType<typeof usageRow>;

export type UsageFilter = {
  visible: SQL | undefined;
  hospitalId?: string;
  doctorId?: string;
  competitorProductId?: string;
  /** Only competitor products against our product */
  productId?: string;
  from?: string;
  to?: string;
  q?: string;
};

function usageWhere(f: UsageFilter) {
  return and(
    f.visible,
    f.hospitalId ? eq(competitorUsages.hospitalId, f.hospitalId) : undefined,
    f.doctorId ? eq(competitorUsages.doctorId, f.doctorId) : undefined,
    f.competitorProductId ? eq(competitorUsages.competitorProductId, f.competitorProductId) : undefined,
    f.productId ? eq(competitorProducts.productId, f.productId) : undefined,
    f.from ? gte(competitorUsages.observedOn, f.from) : undefined,
    f.to ? lte(competitorUsages.observedOn, f.to) : undefined,
    f.q
      ? or(ilike(competitorProducts.name, likePattern(f.q)), ilike(hospitals.name, likePattern(f.q)))
      : undefined,
  );
}

export async function findUsages(db: Db, f: UsageFilter, page: Page) {
  const where = usageWhere(f);
  const [rows, [total]] = await Promise.all([
    selectUsages(db, where)
      .orderBy(
        ...orderBy(
          page.sort,
          { observedOn: competitorUsages.observedOn, judgement: competitorUsages.judgement },
          '-observedOn',
          competitorUsages.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(competitorUsages)
      .innerJoin(hospitals, eq(hospitals.id, competitorUsages.hospitalId))
      .innerJoin(competitorProducts, eq(competitorProducts.id, competitorUsages.competitorProductId))
      .where(where),
  ]);
  return { rows: rows.map(usageRow), total: total?.n ?? 0 };
}

/** Every judgement matching `f` (for the pressure; bounded by the window the caller passes). */
export async function allUsages(db: Db, f: UsageFilter) {
  const rows = await selectUsages(db, usageWhere(f)).orderBy(competitorUsages.observedOn);
  return rows.map(usageRow);
}

export async function getUsage(db: Db, id: string) {
  const [row] = await selectUsages(db, eq(competitorUsages.id, id));
  return row ? usageRow(row) : undefined;
}

export async function insertUsage(db: Db, values: typeof competitorUsages.$inferInsert) {
  const [row] = await db.insert(competitorUsages).values(values).returning({ id: competitorUsages.id });
  return row!.id;
}

// ── activities ───────────────────────────────────────────────────────────────

const activityColumns = {
  id: competitorActivities.id,
  hospitalId: competitorActivities.hospitalId,
  hospitalName: hospitals.name,
  doctorId: competitorActivities.doctorId,
  doctorName: doctors.name,
  competitorProductId: competitorActivities.competitorProductId,
  competitorProductName: competitorProducts.name,
  company: competitorActivities.company,
  kind: competitorActivities.kind,
  byWhom: competitorActivities.byWhom,
  observedOn: competitorActivities.observedOn,
  source: competitorActivities.source,
  description: competitorActivities.description,
  recordedBy: competitorActivities.recordedBy,
  recordedByName: recorder.name,
  createdAt: competitorActivities.createdAt,
};

const selectActivities = (db: Db, where: SQL | undefined) =>
  db
    .select(activityColumns)
    .from(competitorActivities)
    .innerJoin(hospitals, eq(hospitals.id, competitorActivities.hospitalId))
    .innerJoin(recorder, eq(recorder.id, competitorActivities.recordedBy))
    .leftJoin(competitorProducts, eq(competitorProducts.id, competitorActivities.competitorProductId))
    .leftJoin(doctors, eq(doctors.id, competitorActivities.doctorId))
    .where(where);

const activityRow = (r: Awaited<ReturnType<typeof selectActivities>>[number]) => ({
  ...r,
  createdAt: toIso(r.createdAt),
});
export type ActivityRow = ReturnType<typeof activityRow>;

export type ActivityFilter = {
  visible: SQL | undefined;
  hospitalId?: string;
  /** The doctor's own activities and those at their hospital with no doctor named */
  aroundDoctor?: { doctorId: string; hospitalId: string };
  doctorId?: string;
  kind?: (typeof competitorActivities.kind.enumValues)[number];
  productId?: string;
  from?: string;
  to?: string;
  q?: string;
};

function activityWhere(f: ActivityFilter) {
  return and(
    f.visible,
    f.hospitalId ? eq(competitorActivities.hospitalId, f.hospitalId) : undefined,
    f.doctorId ? eq(competitorActivities.doctorId, f.doctorId) : undefined,
    f.aroundDoctor
      ? and(
          eq(competitorActivities.hospitalId, f.aroundDoctor.hospitalId),
          or(
            eq(competitorActivities.doctorId, f.aroundDoctor.doctorId),
            isNull(competitorActivities.doctorId),
          ),
        )
      : undefined,
    f.kind ? eq(competitorActivities.kind, f.kind) : undefined,
    f.productId ? eq(competitorProducts.productId, f.productId) : undefined,
    f.from ? gte(competitorActivities.observedOn, f.from) : undefined,
    f.to ? lte(competitorActivities.observedOn, f.to) : undefined,
    f.q
      ? or(
          ilike(competitorActivities.description, likePattern(f.q)),
          ilike(competitorActivities.company, likePattern(f.q)),
          ilike(competitorProducts.name, likePattern(f.q)),
          ilike(hospitals.name, likePattern(f.q)),
        )
      : undefined,
  );
}

export async function findActivities(db: Db, f: ActivityFilter, page: Page) {
  const where = activityWhere(f);
  const [rows, [total]] = await Promise.all([
    selectActivities(db, where)
      .orderBy(
        ...orderBy(
          page.sort,
          { observedOn: competitorActivities.observedOn, kind: competitorActivities.kind },
          '-observedOn',
          competitorActivities.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(competitorActivities)
      .innerJoin(hospitals, eq(hospitals.id, competitorActivities.hospitalId))
      .leftJoin(competitorProducts, eq(competitorProducts.id, competitorActivities.competitorProductId))
      .where(where),
  ]);
  return { rows: rows.map(activityRow), total: total?.n ?? 0 };
}

/** Every activity matching `f`, newest first (`limit` for the latest few). */
export async function allActivities(db: Db, f: ActivityFilter, limit?: number) {
  const query = selectActivities(db, activityWhere(f)).orderBy(
    desc(competitorActivities.observedOn),
    desc(competitorActivities.createdAt),
  );
  const rows = limit ? await query.limit(limit) : await query;
  return rows.map(activityRow);
}

export async function getActivity(db: Db, id: string) {
  const [row] = await selectActivities(db, eq(competitorActivities.id, id));
  return row ? activityRow(row) : undefined;
}

export async function insertActivity(db: Db, values: typeof competitorActivities.$inferInsert) {
  const [row] = await db
    .insert(competitorActivities)
    .values(values)
    .returning({ id: competitorActivities.id });
  return row!.id;
}

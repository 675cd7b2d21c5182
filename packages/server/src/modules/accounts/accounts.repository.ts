import { and, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { KeyMessage } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { departments, hospitals, keyContacts, products } from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

/** Paging of a list; without it (exports) every matching row is returned. */
export type Page = { page: number; pageSize: number };
export type Sort = { sort?: string };

const stamps = <T extends { createdAt: string; updatedAt: string }>(r: T) => ({
  ...r,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});

/** A column and the text it must contain (ILIKE '%text%'). */
type SearchTerm = readonly [column: PgColumn, text: string];

const nameTerms = (q: string, name: PgColumn, initials: PgColumn, alias?: PgColumn): SearchTerm[] => [
  [name, q],
  [initials, q.toLowerCase()],
  ...(alias ? [[alias, q] as const] : []),
];

/** Rows where any column contains its text. */
const containsAny = (terms: SearchTerm[]) =>
  or(...terms.map(([column, text]) => ilike(column, likePattern(text))));

/** Name or pinyin initials (`zs` finds 张三). */
export const nameSearch = (q: string | undefined, name: PgColumn, initials: PgColumn) =>
  q ? containsAny(nameTerms(q, name, initials)) : undefined;

/**
 * `nameSearch` (and the alias) for the big tables whose columns carry a search-gram GIN index (doctors and
 * hospitals, migration 0014). The gram condition holds for every row the ILIKE matches, so the answer is the
 * same; it lets PostgreSQL find the candidates in the index instead of reading the whole table. Written as
 * (any ILIKE) AND (any gram) rather than per column, so the heap recheck runs the cheap ILIKE, not search_grams.
 */
export function indexedNameSearch(
  q: string | undefined,
  name: PgColumn,
  initials: PgColumn,
  alias?: PgColumn,
) {
  if (!q) return undefined;
  const terms = nameTerms(q, name, initials, alias);
  return and(
    containsAny(terms),
    or(...terms.map(([column, text]) => sql`search_grams(${column}) @> search_query_grams(${text})`)),
  );
}

/**
 * Runs the page query, then the count only when the page cannot tell the total: a page that is not full (and
 * not an empty one past the first) is the end of the list, so the total is the rows before it plus its own —
 * the number the count would give, without a second pass over every match (most searches fit on one page).
 * Without a page, all rows and their number.
 */
export async function paged<T>(
  rows: (page?: Page) => Promise<T[]>,
  count: () => Promise<{ n: number }[]>,
  page: Page | undefined,
): Promise<{ rows: T[]; total: number }> {
  if (!page) {
    const all = await rows();
    return { rows: all, total: all.length };
  }
  const r = await rows(page);
  const before = offsetOf(page.page, page.pageSize);
  if (r.length < page.pageSize && (r.length > 0 || before === 0))
    return { rows: r, total: before + r.length };
  const [c] = await count();
  return { rows: r, total: c?.n ?? 0 };
}

/** Adds LIMIT/OFFSET to a query when paging. */
export function pageOf<Q extends { limit(n: number): { offset(n: number): unknown } }>(
  query: Q,
  page?: Page,
): Q {
  return (page ? query.limit(page.pageSize).offset(offsetOf(page.page, page.pageSize)) : query) as Q;
}

// ── Hospitals ────────────────────────────────────────────────────────────────

const hospitalColumns = {
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
  latitude: hospitals.latitude,
  longitude: hospitals.longitude,
  grade: hospitals.grade,
  gradeScore: hospitals.gradeScore,
  gradedAt: hospitals.gradedAt,
  version: hospitals.version,
  createdAt: hospitals.createdAt,
  updatedAt: hospitals.updatedAt,
};
const toHospital = <T extends { createdAt: string; updatedAt: string; gradedAt: string | null }>(r: T) => ({
  ...stamps(r),
  gradedAt: toIso(r.gradedAt),
});

export type HospitalFilter = {
  q?: string;
  level?: string;
  type?: string;
  grade?: string;
  city?: string;
  province?: string;
  scope?: SQL;
};

/** Merged hospitals (duplicates folded into another) are gone for every reader. */
const liveHospital = isNull(hospitals.mergedInto);

export async function findHospitals(db: Db, f: HospitalFilter, sort: Sort, page?: Page) {
  const w = and(
    liveHospital,
    indexedNameSearch(f.q, hospitals.name, hospitals.nameInitials, hospitals.alias),
    f.level ? eq(hospitals.level, f.level) : undefined,
    f.type ? eq(hospitals.type, f.type) : undefined,
    f.grade ? eq(hospitals.grade, f.grade) : undefined,
    f.city ? eq(hospitals.city, f.city) : undefined,
    f.province ? eq(hospitals.province, f.province) : undefined,
    f.scope,
  );
  const result = await paged(
    (p) =>
      pageOf(
        db
          .select(hospitalColumns)
          .from(hospitals)
          .where(w)
          .orderBy(
            ...orderBy(
              sort.sort,
              {
                name: hospitals.name,
                level: hospitals.level,
                type: hospitals.type,
                city: hospitals.city,
                beds: hospitals.beds,
                outpatientsPerDay: hospitals.outpatientsPerDay,
                grade: hospitals.grade,
                gradeScore: hospitals.gradeScore,
                createdAt: hospitals.createdAt,
                updatedAt: hospitals.updatedAt,
              },
              'name',
              hospitals.id,
            ),
          )
          .$dynamic(),
        p,
      ),
    () => db.select({ n: countAll }).from(hospitals).where(w),
    page,
  );
  return { rows: result.rows.map(toHospital), total: result.total };
}

export async function getHospital(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select(hospitalColumns)
    .from(hospitals)
    .where(and(eq(hospitals.id, id), liveHospital, scope));
  return row && toHospital(row);
}

/** Departments (with their doctor counts) and the number of doctors and key contacts of a hospital. */
export async function getHospitalSummary(db: Db, hospitalId: string) {
  const deps = await db
    .select({
      id: departments.id,
      name: departments.name,
      headcount: departments.headcount,
      doctorCount: sql<number>`(select count(*)::int from doctors d where d.department_id = departments.id and d.merged_into is null)`,
    })
    .from(departments)
    .where(eq(departments.hospitalId, hospitalId))
    .orderBy(departments.name, departments.id);
  const [counts] = await db
    .select({
      doctorCount: sql<number>`(select count(*)::int from doctors d where d.hospital_id = ${hospitalId} and d.merged_into is null)`,
      keyContactCount: sql<number>`(select count(*)::int from key_contacts kc where kc.hospital_id = ${hospitalId})`,
    })
    .from(sql`(select 1) as one`);
  return {
    departments: deps,
    doctorCount: counts?.doctorCount ?? 0,
    keyContactCount: counts?.keyContactCount ?? 0,
  };
}

export type HospitalValues = Partial<typeof hospitals.$inferInsert>;

export async function insertHospital(db: Db, values: typeof hospitals.$inferInsert) {
  const [row] = await db.insert(hospitals).values(values).returning({ id: hospitals.id });
  return row!.id;
}

// ── Departments ──────────────────────────────────────────────────────────────

/** Column references inside raw subqueries are written out: Drizzle leaves them unqualified on single-table selects. */
const departmentColumns = {
  id: departments.id,
  hospitalId: departments.hospitalId,
  hospitalCode: hospitals.code,
  hospitalName: hospitals.name,
  name: departments.name,
  headcount: departments.headcount,
  structure: departments.structure,
  beds: departments.beds,
  specialty: departments.specialty,
  doctorCount: sql<number>`(select count(*)::int from doctors d where d.department_id = departments.id and d.merged_into is null)`,
  version: departments.version,
  createdAt: departments.createdAt,
  updatedAt: departments.updatedAt,
};

export type DepartmentFilter = { q?: string; hospitalId?: string; city?: string; scope?: SQL };

export async function findDepartments(db: Db, f: DepartmentFilter, sort: Sort, page?: Page) {
  const w = and(
    liveHospital,
    f.q ? ilike(departments.name, likePattern(f.q)) : undefined,
    f.hospitalId ? eq(departments.hospitalId, f.hospitalId) : undefined,
    f.city ? eq(hospitals.city, f.city) : undefined,
    f.scope,
  );
  const result = await paged(
    (p) =>
      pageOf(
        db
          .select(departmentColumns)
          .from(departments)
          .innerJoin(hospitals, eq(hospitals.id, departments.hospitalId))
          .where(w)
          .orderBy(
            ...orderBy(
              sort.sort,
              {
                name: departments.name,
                hospitalName: hospitals.name,
                headcount: departments.headcount,
                beds: departments.beds,
                createdAt: departments.createdAt,
              },
              'hospitalName',
              departments.id,
            ),
          )
          .$dynamic(),
        p,
      ),
    () =>
      db
        .select({ n: countAll })
        .from(departments)
        .innerJoin(hospitals, eq(hospitals.id, departments.hospitalId))
        .where(w),
    page,
  );
  return { rows: result.rows.map(stamps), total: result.total };
}

export async function getDepartment(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select(departmentColumns)
    .from(departments)
    .innerJoin(hospitals, eq(hospitals.id, departments.hospitalId))
    .where(and(eq(departments.id, id), liveHospital, scope));
  return row && stamps(row);
}

export async function insertDepartment(db: Db, values: typeof departments.$inferInsert) {
  const [row] = await db.insert(departments).values(values).returning({ id: departments.id });
  return row!.id;
}

export async function deleteDepartment(db: Db, id: string) {
  await db.delete(departments).where(eq(departments.id, id));
}

/** The hospital a department belongs to (to check a doctor's or contact's department). */
export async function getDepartmentHospitalId(db: Db, id: string) {
  const [row] = await db
    .select({ hospitalId: departments.hospitalId })
    .from(departments)
    .where(eq(departments.id, id));
  return row?.hospitalId;
}

// ── Key contacts ─────────────────────────────────────────────────────────────

const keyContactColumns = {
  id: keyContacts.id,
  hospitalId: keyContacts.hospitalId,
  hospitalCode: hospitals.code,
  hospitalName: hospitals.name,
  departmentId: keyContacts.departmentId,
  departmentName: departments.name,
  name: keyContacts.name,
  function: keyContacts.function,
  position: keyContacts.position,
  phone: keyContacts.phone,
  personalityType: keyContacts.personalityType,
  notes: keyContacts.notes,
  version: keyContacts.version,
  createdAt: keyContacts.createdAt,
  updatedAt: keyContacts.updatedAt,
};

export type KeyContactFilter = {
  q?: string;
  hospitalId?: string;
  departmentId?: string;
  function?: string;
  city?: string;
  scope?: SQL;
};

export async function findKeyContacts(db: Db, f: KeyContactFilter, sort: Sort, page?: Page) {
  const w = and(
    liveHospital,
    nameSearch(f.q, keyContacts.name, keyContacts.nameInitials),
    f.hospitalId ? eq(keyContacts.hospitalId, f.hospitalId) : undefined,
    f.departmentId ? eq(keyContacts.departmentId, f.departmentId) : undefined,
    f.function ? eq(keyContacts.function, f.function) : undefined,
    f.city ? eq(hospitals.city, f.city) : undefined,
    f.scope,
  );
  const result = await paged(
    (p) =>
      pageOf(
        db
          .select(keyContactColumns)
          .from(keyContacts)
          .innerJoin(hospitals, eq(hospitals.id, keyContacts.hospitalId))
          .leftJoin(departments, eq(departments.id, keyContacts.departmentId))
          .where(w)
          .orderBy(
            ...orderBy(
              sort.sort,
              {
                name: keyContacts.name,
                hospitalName: hospitals.name,
                function: keyContacts.function,
                createdAt: keyContacts.createdAt,
              },
              'name',
              keyContacts.id,
            ),
          )
          .$dynamic(),
        p,
      ),
    () =>
      db
        .select({ n: countAll })
        .from(keyContacts)
        .innerJoin(hospitals, eq(hospitals.id, keyContacts.hospitalId))
        .where(w),
    page,
  );
  return { rows: result.rows.map(stamps), total: result.total };
}

export async function getKeyContact(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select(keyContactColumns)
    .from(keyContacts)
    .innerJoin(hospitals, eq(hospitals.id, keyContacts.hospitalId))
    .leftJoin(departments, eq(departments.id, keyContacts.departmentId))
    .where(and(eq(keyContacts.id, id), liveHospital, scope));
  return row && stamps(row);
}

export async function insertKeyContact(db: Db, values: typeof keyContacts.$inferInsert) {
  const [row] = await db.insert(keyContacts).values(values).returning({ id: keyContacts.id });
  return row!.id;
}

export async function deleteKeyContact(db: Db, id: string) {
  await db.delete(keyContacts).where(eq(keyContacts.id, id));
}

// ── Products ─────────────────────────────────────────────────────────────────

const productColumns = {
  id: products.id,
  name: products.name,
  genericName: products.genericName,
  specification: products.specification,
  therapeuticArea: products.therapeuticArea,
  indications: products.indications,
  targetDepartments: products.targetDepartments,
  competitorProducts: products.competitorProducts,
  keyMessages: products.keyMessages,
  active: products.active,
  version: products.version,
  createdAt: products.createdAt,
  updatedAt: products.updatedAt,
};
const toProduct = <T extends { createdAt: string; updatedAt: string; keyMessages: unknown }>(r: T) => ({
  ...stamps(r),
  keyMessages: (r.keyMessages ?? []) as KeyMessage[],
});

export type ProductFilter = { q?: string; therapeuticArea?: string; active?: boolean };

export async function findProducts(db: Db, f: ProductFilter, sort: Sort, page?: Page) {
  const w = and(
    f.q
      ? or(ilike(products.name, likePattern(f.q)), ilike(products.genericName, likePattern(f.q)))
      : undefined,
    f.therapeuticArea ? eq(products.therapeuticArea, f.therapeuticArea) : undefined,
    f.active === undefined ? undefined : eq(products.active, f.active),
  );
  const result = await paged(
    (p) =>
      pageOf(
        db
          .select(productColumns)
          .from(products)
          .where(w)
          .orderBy(
            ...orderBy(
              sort.sort,
              {
                name: products.name,
                genericName: products.genericName,
                therapeuticArea: products.therapeuticArea,
                createdAt: products.createdAt,
              },
              'name',
              products.id,
            ),
          )
          .$dynamic(),
        p,
      ),
    () => db.select({ n: countAll }).from(products).where(w),
    page,
  );
  return { rows: result.rows.map(toProduct), total: result.total };
}

export async function getProduct(db: Db, id: string) {
  const [row] = await db.select(productColumns).from(products).where(eq(products.id, id));
  return row && toProduct(row);
}

export async function insertProduct(db: Db, values: typeof products.$inferInsert) {
  const [row] = await db.insert(products).values(values).returning({ id: products.id });
  return row!.id;
}

export { hospitals, departments, keyContacts, products };

import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { channelCustomers, hospitals, products } from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

type Page = { page: number; pageSize: number; sort?: string };
const all = (conditions: (SQL | undefined)[]) => and(...conditions.filter((c): c is SQL => !!c));
const withIso = <T extends { createdAt: string }>(r: T) => ({ ...r, createdAt: toIso(r.createdAt) });

/** Name, alias or pinyin initials (`zs` finds 张三). */
const nameSearch = (q: string | undefined, name: PgColumn, initials: PgColumn) =>
  q ? or(ilike(name, likePattern(q)), ilike(initials, likePattern(q.toLowerCase()))) : undefined;

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
  version: hospitals.version,
  createdAt: hospitals.createdAt,
};

export type HospitalFilter = { q?: string; level?: string; city?: string; province?: string; scope?: SQL };

export async function findHospitals(db: Db, f: HospitalFilter, page: Page) {
  const w = all([
    f.q
      ? or(nameSearch(f.q, hospitals.name, hospitals.nameInitials), ilike(hospitals.alias, likePattern(f.q)))
      : undefined,
    f.level ? eq(hospitals.level, f.level) : undefined,
    f.city ? eq(hospitals.city, f.city) : undefined,
    f.province ? eq(hospitals.province, f.province) : undefined,
    f.scope,
  ]);
  const [rows, [c]] = await Promise.all([
    db
      .select(hospitalColumns)
      .from(hospitals)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          {
            name: hospitals.name,
            level: hospitals.level,
            city: hospitals.city,
            beds: hospitals.beds,
            createdAt: hospitals.createdAt,
          },
          'name',
          hospitals.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(hospitals).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getHospital(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select(hospitalColumns)
    .from(hospitals)
    .where(all([eq(hospitals.id, id), scope]));
  return row && withIso(row);
}

const productColumns = {
  id: products.id,
  name: products.name,
  genericName: products.genericName,
  specification: products.specification,
  therapeuticArea: products.therapeuticArea,
  indications: products.indications,
  active: products.active,
  version: products.version,
  createdAt: products.createdAt,
};

export async function findProducts(db: Db, f: { q?: string }, page: Page) {
  const w = f.q
    ? or(ilike(products.name, likePattern(f.q)), ilike(products.genericName, likePattern(f.q)))
    : undefined;
  const [rows, [c]] = await Promise.all([
    db
      .select(productColumns)
      .from(products)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          { name: products.name, therapeuticArea: products.therapeuticArea },
          'name',
          products.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(products).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getProduct(db: Db, id: string) {
  const [row] = await db.select(productColumns).from(products).where(eq(products.id, id));
  return row && withIso(row);
}

const channelColumns = {
  id: channelCustomers.id,
  kind: channelCustomers.kind,
  name: channelCustomers.name,
  province: channelCustomers.province,
  city: channelCustomers.city,
  address: channelCustomers.address,
  version: channelCustomers.version,
  createdAt: channelCustomers.createdAt,
};

export async function findChannelCustomers(
  db: Db,
  f: { q?: string; kind?: string; city?: string; scope?: SQL },
  page: Page,
) {
  const w = all([
    nameSearch(f.q, channelCustomers.name, channelCustomers.nameInitials),
    f.kind ? eq(channelCustomers.kind, f.kind as 'distributor') : undefined,
    f.city ? eq(channelCustomers.city, f.city) : undefined,
    f.scope,
  ]);
  const [rows, [c]] = await Promise.all([
    db
      .select(channelColumns)
      .from(channelCustomers)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          { name: channelCustomers.name, city: channelCustomers.city, kind: channelCustomers.kind },
          'name',
          channelCustomers.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelCustomers).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getChannelCustomer(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select(channelColumns)
    .from(channelCustomers)
    .where(all([eq(channelCustomers.id, id), scope]));
  return row && withIso(row);
}

export { hospitals, channelCustomers };

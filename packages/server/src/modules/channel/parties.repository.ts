/** Queries of channel parties 渠道客户 (customers, status history, licences, contacts, contracts, products, visits). */
import { and, asc, desc, eq, gte, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  channelContacts,
  channelCustomerStatusHistory,
  channelCustomers,
  channelLicences,
  channelProducts,
  channelSettings,
  channelTierPrices,
  channelVisits,
  hospitals,
  products,
  rebatePolicies,
  supplyContractLines,
  supplyContracts,
  territories,
  territoryAssignments,
  territoryChannelCustomers,
  users,
} from '../../db/schema.ts';
import { countAll, offsetOf, orderBy, toIso } from '../../db/list.ts';
import { coversToday } from '../../scope/scope.ts';
import { nameSearch } from '../accounts/accounts.repository.ts';

type Page = { page: number; pageSize: number; sort?: string };

// ── Settings ─────────────────────────────────────────────────────────────────

/** The newest channel_settings config (the warnings module owns its shape; we read two fields). */
export async function loadChannelSettingsConfig(db: Db): Promise<Record<string, unknown>> {
  const [row] = await db
    .select({ config: channelSettings.config })
    .from(channelSettings)
    .orderBy(desc(channelSettings.createdAt), desc(channelSettings.id))
    .limit(1);
  return (row?.config as Record<string, unknown> | undefined) ?? {};
}

// ── Channel customers ────────────────────────────────────────────────────────

// Correlated subqueries name the outer table in raw SQL: Drizzle leaves columns unqualified in a one-table select.

const licenceExpiresOn = sql<
  string | null
>`(select min(l.valid_until)::text from channel_licences l where l.channel_customer_id = channel_customers.id)`;
const repNames = sql<string | null>`(select string_agg(distinct u.name, ', ' order by u.name)
  from territory_channel_customers tc
  join territory_assignments ta on ta.territory_id = tc.territory_id and ${coversToday('ta')}
  join users u on u.id = ta.user_id
  where tc.channel_customer_id = channel_customers.id)`;

const customerColumns = {
  id: channelCustomers.id,
  kind: channelCustomers.kind,
  name: channelCustomers.name,
  code: channelCustomers.code,
  province: channelCustomers.province,
  city: channelCustomers.city,
  address: channelCustomers.address,
  distributorTier: channelCustomers.distributorTier,
  terminalTier: channelCustomers.terminalTier,
  status: channelCustomers.status,
  creditLimitFen: channelCustomers.creditLimitFen,
  paymentTerms: channelCustomers.paymentTerms,
  paymentTermDays: channelCustomers.paymentTermDays,
  satisfaction: channelCustomers.satisfaction,
  personalityType: channelCustomers.personalityType,
  relationshipStage: channelCustomers.relationshipStage,
  licenceExpiresOn,
  repNames,
  version: channelCustomers.version,
  createdAt: channelCustomers.createdAt,
  updatedAt: channelCustomers.updatedAt,
};

const withIsoTimes = <T extends { createdAt: string; updatedAt: string }>(r: T) => ({
  ...r,
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
const customerRow = (r: Awaited<ReturnType<typeof customersQuery>>[number]) => ({
  ...withIsoTimes(r),
  licenceExpiresOn: r.licenceExpiresOn ?? null,
  repNames: r.repNames ?? null,
  creditLimitFen: r.creditLimitFen === null ? null : Number(r.creditLimitFen),
});
export type CustomerRow = ReturnType<typeof customerRow>;

const customersQuery = (db: Db) => db.select(customerColumns).from(channelCustomers);

export type CustomerFilter = {
  q?: string;
  kind?: string;
  city?: string;
  tier?: string;
  status?: string;
  scope?: SQL;
};

export async function findCustomers(db: Db, f: CustomerFilter, page: Page) {
  const w = and(
    nameSearch(f.q, channelCustomers.name, channelCustomers.nameInitials),
    f.kind ? eq(channelCustomers.kind, f.kind as 'distributor') : undefined,
    f.city ? eq(channelCustomers.city, f.city) : undefined,
    f.tier
      ? or(
          eq(channelCustomers.distributorTier, f.tier as 'primary'),
          eq(channelCustomers.terminalTier, f.tier as 'key'),
        )
      : undefined,
    f.status ? eq(channelCustomers.status, f.status as 'designated') : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    customersQuery(db)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          {
            name: channelCustomers.name,
            city: channelCustomers.city,
            kind: channelCustomers.kind,
            createdAt: channelCustomers.createdAt,
            licenceExpiresOn,
          },
          'name',
          channelCustomers.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelCustomers).where(w),
  ]);
  return { rows: rows.map(customerRow), total: c?.n ?? 0 };
}

export async function getCustomer(db: Db, id: string, scope?: SQL) {
  const [row] = await customersQuery(db).where(and(eq(channelCustomers.id, id), scope));
  return row && customerRow(row);
}

/** The editable fields and authorisations, for the detail page and the audit rows. */
export async function getCustomerRecord(db: Db, id: string) {
  const [row] = await db.select().from(channelCustomers).where(eq(channelCustomers.id, id));
  return row && { ...row, createdAt: toIso(row.createdAt), updatedAt: toIso(row.updatedAt) };
}

export async function namesOfHospitals(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: hospitals.id, name: hospitals.name })
    .from(hospitals)
    .where(inArray(hospitals.id, ids))
    .orderBy(asc(hospitals.name));
}

export async function namesOfCustomers(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: channelCustomers.id, name: channelCustomers.name })
    .from(channelCustomers)
    .where(inArray(channelCustomers.id, ids))
    .orderBy(asc(channelCustomers.name));
}

export async function territoriesOfCustomer(db: Db, id: string) {
  return db
    .select({ id: territories.id, name: territories.name, repName: users.name })
    .from(territoryChannelCustomers)
    .innerJoin(territories, eq(territories.id, territoryChannelCustomers.territoryId))
    .leftJoin(
      territoryAssignments,
      and(eq(territoryAssignments.territoryId, territories.id), coversToday('territory_assignments')),
    )
    .leftJoin(users, eq(users.id, territoryAssignments.userId))
    .where(eq(territoryChannelCustomers.channelCustomerId, id))
    .orderBy(asc(territories.name));
}

export type CustomerValues = typeof channelCustomers.$inferInsert;

export async function insertCustomer(db: Db, values: CustomerValues) {
  const [row] = await db.insert(channelCustomers).values(values).returning({ id: channelCustomers.id });
  return row!.id;
}

export async function linkCustomerToTerritory(db: Db, territoryId: string, channelCustomerId: string) {
  await db.insert(territoryChannelCustomers).values({ territoryId, channelCustomerId }).onConflictDoNothing();
}

export async function codeTaken(db: Db, code: string, exceptId?: string) {
  const [row] = await db
    .select({ id: channelCustomers.id })
    .from(channelCustomers)
    .where(and(eq(channelCustomers.code, code), exceptId ? ne(channelCustomers.id, exceptId) : undefined));
  return row !== undefined;
}

export async function countExisting(
  db: Db,
  table: 'hospitals' | 'channelCustomers' | 'products',
  ids: string[],
) {
  const unique = [...new Set(ids)];
  if (!unique.length) return 0;
  const t = { hospitals, channelCustomers, products }[table];
  const [row] = await db.select({ n: countAll }).from(t).where(inArray(t.id, unique));
  return row?.n ?? 0;
}

/** Active territories the actor may put a new customer in (scope applied by the caller). */
export async function findTerritories(db: Db, scope?: SQL) {
  return db
    .select({ id: territories.id, name: territories.name })
    .from(territories)
    .where(and(eq(territories.active, true), scope))
    .orderBy(asc(territories.name));
}

// ── Status history ───────────────────────────────────────────────────────────

export async function insertStatusHistory(db: Db, values: typeof channelCustomerStatusHistory.$inferInsert) {
  await db.insert(channelCustomerStatusHistory).values(values);
}

export async function findStatusHistory(db: Db, channelCustomerId: string) {
  const rows = await db
    .select({
      id: channelCustomerStatusHistory.id,
      status: channelCustomerStatusHistory.status,
      reason: channelCustomerStatusHistory.reason,
      changedOn: channelCustomerStatusHistory.changedOn,
      createdByName: users.name,
      createdAt: channelCustomerStatusHistory.createdAt,
    })
    .from(channelCustomerStatusHistory)
    .innerJoin(users, eq(users.id, channelCustomerStatusHistory.createdBy))
    .where(eq(channelCustomerStatusHistory.channelCustomerId, channelCustomerId))
    .orderBy(desc(channelCustomerStatusHistory.changedOn), desc(channelCustomerStatusHistory.createdAt));
  return rows.map((r) => ({ ...r, createdAt: toIso(r.createdAt) }));
}

/** Every status event of the customers in scope (small: a few rows per customer), for attrition. */
export async function findStatusEvents(db: Db, f: { kind?: string; scope?: SQL }) {
  return db
    .select({
      customerId: channelCustomerStatusHistory.channelCustomerId,
      status: channelCustomerStatusHistory.status,
      changedOn: channelCustomerStatusHistory.changedOn,
    })
    .from(channelCustomerStatusHistory)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelCustomerStatusHistory.channelCustomerId))
    .where(and(f.kind ? eq(channelCustomers.kind, f.kind as 'distributor') : undefined, f.scope));
}

// ── Licences ─────────────────────────────────────────────────────────────────

const licenceColumns = {
  id: channelLicences.id,
  channelCustomerId: channelLicences.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  kind: channelLicences.kind,
  number: channelLicences.number,
  validFrom: channelLicences.validFrom,
  validUntil: channelLicences.validUntil,
  notes: channelLicences.notes,
  version: channelLicences.version,
  createdAt: channelLicences.createdAt,
  updatedAt: channelLicences.updatedAt,
};
const licencesQuery = (db: Db) =>
  db
    .select(licenceColumns)
    .from(channelLicences)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelLicences.channelCustomerId));
export type LicenceRow = ReturnType<typeof withIsoTimes<Awaited<ReturnType<typeof licencesQuery>>[number]>>;

export async function findLicences(
  db: Db,
  f: { channelCustomerId?: string; kind?: string; validUntilOnOrBefore?: string; scope?: SQL },
  page?: Page,
) {
  const w = and(
    f.channelCustomerId ? eq(channelLicences.channelCustomerId, f.channelCustomerId) : undefined,
    f.kind ? eq(channelLicences.kind, f.kind) : undefined,
    f.validUntilOnOrBefore ? lte(channelLicences.validUntil, f.validUntilOnOrBefore) : undefined,
    f.scope,
  );
  const query = licencesQuery(db)
    .where(w)
    .orderBy(
      sql`${channelLicences.validUntil} asc nulls last`,
      asc(channelLicences.kind),
      asc(channelLicences.id),
    );
  if (!page) {
    const rows = await query;
    return { rows: rows.map(withIsoTimes), total: rows.length };
  }
  const [rows, [c]] = await Promise.all([
    query.limit(page.pageSize).offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(channelLicences)
      .innerJoin(channelCustomers, eq(channelCustomers.id, channelLicences.channelCustomerId))
      .where(w),
  ]);
  return { rows: rows.map(withIsoTimes), total: c?.n ?? 0 };
}

export async function getLicence(db: Db, id: string, scope?: SQL) {
  const [row] = await licencesQuery(db).where(and(eq(channelLicences.id, id), scope));
  return row && withIsoTimes(row);
}

export async function insertLicence(db: Db, values: typeof channelLicences.$inferInsert) {
  const [row] = await db.insert(channelLicences).values(values).returning({ id: channelLicences.id });
  return row!.id;
}

export async function deleteLicence(db: Db, id: string) {
  await db.delete(channelLicences).where(eq(channelLicences.id, id));
}

// ── Contacts ─────────────────────────────────────────────────────────────────

const contactColumns = {
  id: channelContacts.id,
  channelCustomerId: channelContacts.channelCustomerId,
  name: channelContacts.name,
  role: channelContacts.role,
  phone: channelContacts.phone,
  notes: channelContacts.notes,
  active: channelContacts.active,
  version: channelContacts.version,
  createdAt: channelContacts.createdAt,
  updatedAt: channelContacts.updatedAt,
};

export async function findContacts(db: Db, channelCustomerId: string) {
  const rows = await db
    .select(contactColumns)
    .from(channelContacts)
    .where(eq(channelContacts.channelCustomerId, channelCustomerId))
    .orderBy(desc(channelContacts.active), asc(channelContacts.role), asc(channelContacts.name));
  return rows.map(withIsoTimes);
}

export async function getContact(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select(contactColumns)
    .from(channelContacts)
    .where(and(eq(channelContacts.id, id), scope));
  return row && withIsoTimes(row);
}

export async function insertContact(db: Db, values: typeof channelContacts.$inferInsert) {
  const [row] = await db.insert(channelContacts).values(values).returning({ id: channelContacts.id });
  return row!.id;
}

// ── Supply contracts ─────────────────────────────────────────────────────────

const contractColumns = {
  id: supplyContracts.id,
  channelCustomerId: supplyContracts.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  contractNo: supplyContracts.contractNo,
  signedOn: supplyContracts.signedOn,
  startsOn: supplyContracts.startsOn,
  endsOn: supplyContracts.endsOn,
  paymentMethod: supplyContracts.paymentMethod,
  paymentTermDays: supplyContracts.paymentTermDays,
  transport: supplyContracts.transport,
  freightPaidBy: supplyContracts.freightPaidBy,
  deliveryPlace: supplyContracts.deliveryPlace,
  deliveryTime: supplyContracts.deliveryTime,
  rewards: supplyContracts.rewards,
  qualityTerms: supplyContracts.qualityTerms,
  exemptions: supplyContracts.exemptions,
  disputes: supplyContracts.disputes,
  status: supplyContracts.status,
  version: supplyContracts.version,
  createdAt: supplyContracts.createdAt,
  updatedAt: supplyContracts.updatedAt,
};
const contractsQuery = (db: Db) =>
  db
    .select(contractColumns)
    .from(supplyContracts)
    .innerJoin(channelCustomers, eq(channelCustomers.id, supplyContracts.channelCustomerId));
type ContractBase = Awaited<ReturnType<typeof contractsQuery>>[number];

async function linesOf(db: Db, contractIds: string[]) {
  if (!contractIds.length) return [];
  const rows = await db
    .select({
      id: supplyContractLines.id,
      contractId: supplyContractLines.contractId,
      productId: supplyContractLines.productId,
      productName: products.name,
      specification: supplyContractLines.specification,
      quantity: supplyContractLines.quantity,
      unitPriceFen: supplyContractLines.unitPriceFen,
      amountFen: supplyContractLines.amountFen,
    })
    .from(supplyContractLines)
    .innerJoin(products, eq(products.id, supplyContractLines.productId))
    .where(inArray(supplyContractLines.contractId, contractIds))
    .orderBy(asc(supplyContractLines.contractId), asc(products.name), asc(supplyContractLines.id));
  return rows.map((r) => ({ ...r, unitPriceFen: Number(r.unitPriceFen), amountFen: Number(r.amountFen) }));
}

async function withLines(db: Db, rows: ContractBase[]) {
  const lines = await linesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = lines.filter((l) => l.contractId === r.id).map(({ contractId: _c, ...l }) => l);
    return {
      ...withIsoTimes(r),
      lines: own,
      totalFen: own.reduce((sum, l) => sum + l.amountFen, 0),
    };
  });
}
export type ContractRow = Awaited<ReturnType<typeof withLines>>[number];

export async function findContracts(
  db: Db,
  f: { channelCustomerId?: string; status?: string; q?: string; scope?: SQL },
  page: Page,
) {
  const w = and(
    f.channelCustomerId ? eq(supplyContracts.channelCustomerId, f.channelCustomerId) : undefined,
    f.status ? eq(supplyContracts.status, f.status as 'draft') : undefined,
    f.q
      ? or(
          sql`${supplyContracts.contractNo} ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
          nameSearch(f.q, channelCustomers.name, channelCustomers.nameInitials),
        )
      : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    contractsQuery(db)
      .where(w)
      .orderBy(desc(supplyContracts.startsOn), asc(supplyContracts.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db
      .select({ n: countAll })
      .from(supplyContracts)
      .innerJoin(channelCustomers, eq(channelCustomers.id, supplyContracts.channelCustomerId))
      .where(w),
  ]);
  return { rows: await withLines(db, rows), total: c?.n ?? 0 };
}

export async function getContract(db: Db, id: string, scope?: SQL) {
  const rows = await contractsQuery(db).where(and(eq(supplyContracts.id, id), scope));
  return (await withLines(db, rows))[0];
}

export async function contractNoTaken(db: Db, contractNo: string, exceptId?: string) {
  const [row] = await db
    .select({ id: supplyContracts.id })
    .from(supplyContracts)
    .where(
      and(
        eq(supplyContracts.contractNo, contractNo),
        exceptId ? ne(supplyContracts.id, exceptId) : undefined,
      ),
    );
  return row !== undefined;
}

export async function insertContract(db: Db, values: typeof supplyContracts.$inferInsert) {
  const [row] = await db.insert(supplyContracts).values(values).returning({ id: supplyContracts.id });
  return row!.id;
}

export async function replaceContractLines(
  db: Db,
  contractId: string,
  lines: Omit<typeof supplyContractLines.$inferInsert, 'contractId'>[],
) {
  await db.delete(supplyContractLines).where(eq(supplyContractLines.contractId, contractId));
  if (lines.length) await db.insert(supplyContractLines).values(lines.map((l) => ({ ...l, contractId })));
}

// ── Channel products ─────────────────────────────────────────────────────────

const replacement = sql<
  string | null
>`(select rp.name from products rp where rp.id = channel_products.replacement_product_id)`;

export async function findChannelProducts(
  db: Db,
  f: { q?: string; tierRole?: string; lifecycleStage?: string; productId?: string },
  page?: Page,
) {
  const w = and(
    nameSearch(f.q, products.name, products.genericName),
    f.tierRole ? eq(channelProducts.tierRole, f.tierRole as 'lead') : undefined,
    f.lifecycleStage ? eq(channelProducts.lifecycleStage, f.lifecycleStage as 'growth') : undefined,
    f.productId ? eq(products.id, f.productId) : undefined,
  );
  const query = db
    .select({
      id: products.id,
      productName: products.name,
      genericName: products.genericName,
      channel: channelProducts,
      replacementProductName: replacement,
    })
    .from(products)
    .leftJoin(channelProducts, eq(channelProducts.productId, products.id))
    .where(w)
    .orderBy(asc(products.name), asc(products.id));
  const count = () =>
    db
      .select({ n: countAll })
      .from(products)
      .leftJoin(channelProducts, eq(channelProducts.productId, products.id))
      .where(w);
  if (!page) {
    const rows = await query;
    return { rows, total: rows.length };
  }
  const [rows, [c]] = await Promise.all([
    query.limit(page.pageSize).offset(offsetOf(page.page, page.pageSize)),
    count(),
  ]);
  return { rows, total: c?.n ?? 0 };
}
export type ChannelProductRow = Awaited<ReturnType<typeof findChannelProducts>>['rows'][number];

export async function getChannelProductRow(db: Db, productId: string) {
  const [row] = await db.select().from(channelProducts).where(eq(channelProducts.productId, productId));
  return row;
}

export async function insertChannelProduct(db: Db, values: typeof channelProducts.$inferInsert) {
  await db.insert(channelProducts).values(values);
}

export async function updateChannelProduct(
  db: Db,
  productId: string,
  version: number,
  values: Partial<typeof channelProducts.$inferInsert>,
) {
  const rows = await db
    .update(channelProducts)
    .set({ ...values, version: sql`${channelProducts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(channelProducts.productId, productId), eq(channelProducts.version, version)))
    .returning({ productId: channelProducts.productId });
  return rows.length === 1;
}

export async function findTierPrices(db: Db, productId: string) {
  const rows = await db
    .select({
      distributorTier: channelTierPrices.distributorTier,
      supplyPriceFen: channelTierPrices.supplyPriceFen,
      minResalePriceFen: channelTierPrices.minResalePriceFen,
      updatedAt: channelTierPrices.updatedAt,
    })
    .from(channelTierPrices)
    .where(eq(channelTierPrices.productId, productId));
  const order = { primary: 0, secondary: 1, terminal: 2 };
  return rows
    .map((r) => ({
      ...r,
      supplyPriceFen: Number(r.supplyPriceFen),
      minResalePriceFen: Number(r.minResalePriceFen),
      updatedAt: toIso(r.updatedAt),
    }))
    .sort((a, b) => order[a.distributorTier] - order[b.distributorTier]);
}

export async function replaceTierPrices(
  db: Db,
  productId: string,
  items: {
    distributorTier: 'primary' | 'secondary' | 'terminal';
    supplyPriceFen: number;
    minResalePriceFen: number;
  }[],
) {
  await db.delete(channelTierPrices).where(eq(channelTierPrices.productId, productId));
  if (items.length) await db.insert(channelTierPrices).values(items.map((i) => ({ ...i, productId })));
}

// ── Rebate policies ──────────────────────────────────────────────────────────

const rebateColumns = {
  id: rebatePolicies.id,
  name: rebatePolicies.name,
  productId: rebatePolicies.productId,
  productName: products.name,
  distributorTier: rebatePolicies.distributorTier,
  kind: rebatePolicies.kind,
  steps: rebatePolicies.steps,
  rule: rebatePolicies.rule,
  validFrom: rebatePolicies.validFrom,
  validUntil: rebatePolicies.validUntil,
  version: rebatePolicies.version,
  createdAt: rebatePolicies.createdAt,
  updatedAt: rebatePolicies.updatedAt,
};
const rebatesQuery = (db: Db) =>
  db.select(rebateColumns).from(rebatePolicies).leftJoin(products, eq(products.id, rebatePolicies.productId));

export async function findRebatePolicies(
  db: Db,
  f: { q?: string; productId?: string; distributorTier?: string },
  page: Page,
) {
  const w = and(
    f.q ? sql`${rebatePolicies.name} ilike ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
    f.productId ? eq(rebatePolicies.productId, f.productId) : undefined,
    f.distributorTier ? eq(rebatePolicies.distributorTier, f.distributorTier as 'primary') : undefined,
  );
  const [rows, [c]] = await Promise.all([
    rebatesQuery(db)
      .where(w)
      .orderBy(desc(rebatePolicies.validFrom), asc(rebatePolicies.name), asc(rebatePolicies.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(rebatePolicies).where(w),
  ]);
  return { rows: rows.map(withIsoTimes), total: c?.n ?? 0 };
}

export async function getRebatePolicy(db: Db, id: string) {
  const [row] = await rebatesQuery(db).where(eq(rebatePolicies.id, id));
  return row && withIsoTimes(row);
}

export async function insertRebatePolicy(db: Db, values: typeof rebatePolicies.$inferInsert) {
  const [row] = await db.insert(rebatePolicies).values(values).returning({ id: rebatePolicies.id });
  return row!.id;
}

// ── Channel visits ───────────────────────────────────────────────────────────

const visitColumns = {
  id: channelVisits.id,
  channelCustomerId: channelVisits.channelCustomerId,
  channelCustomerName: channelCustomers.name,
  ownerId: channelVisits.ownerId,
  ownerName: users.name,
  visitDate: channelVisits.visitDate,
  type: channelVisits.type,
  purpose: channelVisits.purpose,
  notes: channelVisits.notes,
  createdAt: channelVisits.createdAt,
};
const visitsQuery = (db: Db) =>
  db
    .select(visitColumns)
    .from(channelVisits)
    .innerJoin(channelCustomers, eq(channelCustomers.id, channelVisits.channelCustomerId))
    .innerJoin(users, eq(users.id, channelVisits.ownerId));

export async function findVisits(
  db: Db,
  f: { channelCustomerId?: string; ownerId?: string; from?: string; to?: string; scope?: SQL },
  page: Page,
) {
  const w = and(
    f.channelCustomerId ? eq(channelVisits.channelCustomerId, f.channelCustomerId) : undefined,
    f.ownerId ? eq(channelVisits.ownerId, f.ownerId) : undefined,
    f.from ? gte(channelVisits.visitDate, f.from) : undefined,
    f.to ? lte(channelVisits.visitDate, f.to) : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    visitsQuery(db)
      .where(w)
      .orderBy(desc(channelVisits.visitDate), desc(channelVisits.createdAt), asc(channelVisits.id))
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelVisits).where(w),
  ]);
  return { rows: rows.map((r) => ({ ...r, createdAt: toIso(r.createdAt) })), total: c?.n ?? 0 };
}

export async function getVisit(db: Db, id: string) {
  const [row] = await visitsQuery(db).where(eq(channelVisits.id, id));
  return row && { ...row, createdAt: toIso(row.createdAt) };
}

export async function insertVisit(db: Db, values: typeof channelVisits.$inferInsert) {
  const [row] = await db.insert(channelVisits).values(values).returning({ id: channelVisits.id });
  return row!.id;
}

/** Designated pharmacies and clinics with a terminal tier, in scope, with their latest visit date. */
export async function findTerminalsWithLastVisit(db: Db, scope?: SQL) {
  return db
    .select({
      id: channelCustomers.id,
      name: channelCustomers.name,
      kind: channelCustomers.kind,
      city: channelCustomers.city,
      terminalTier: channelCustomers.terminalTier,
      lastVisitDate: sql<
        string | null
      >`(select max(v.visit_date)::text from channel_visits v where v.channel_customer_id = channel_customers.id)`,
    })
    .from(channelCustomers)
    .where(
      and(
        inArray(channelCustomers.kind, ['pharmacy', 'clinic']),
        eq(channelCustomers.status, 'designated'),
        sql`${channelCustomers.terminalTier} is not null`,
        scope,
      ),
    );
}

export {
  channelContacts,
  channelCustomers,
  channelLicences,
  supplyContracts,
  rebatePolicies,
  channelVisits,
  territories,
};

import { aliasedTable, and, desc, eq, isNull, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { channelCustomers, channelIncidents, products, territories } from '../../db/schema.ts';
import { countAll, offsetOf, toIso } from '../../db/list.ts';

export { channelIncidents };

const source = aliasedTable(channelCustomers, 'source_customer');
const affected = aliasedTable(channelCustomers, 'affected_customer');

const columns = {
  id: channelIncidents.id,
  sourceCustomerId: channelIncidents.sourceCustomerId,
  sourceCustomerName: source.name,
  sourceRegion: channelIncidents.sourceRegion,
  productId: channelIncidents.productId,
  productName: products.name,
  priceFen: channelIncidents.priceFen,
  affectedTerritoryId: channelIncidents.affectedTerritoryId,
  affectedTerritoryName: territories.name,
  affectedCustomerId: channelIncidents.affectedCustomerId,
  affectedCustomerName: affected.name,
  description: channelIncidents.description,
  openedOn: channelIncidents.openedOn,
  resolvedOn: channelIncidents.resolvedOn,
  lossClaimedFen: channelIncidents.lossClaimedFen,
  compensatedFen: channelIncidents.compensatedFen,
  createdBy: channelIncidents.createdBy,
  version: channelIncidents.version,
  createdAt: channelIncidents.createdAt,
  updatedAt: channelIncidents.updatedAt,
};

function incidentsQuery(db: Db) {
  return db
    .select(columns)
    .from(channelIncidents)
    .innerJoin(products, eq(products.id, channelIncidents.productId))
    .leftJoin(source, eq(source.id, channelIncidents.sourceCustomerId))
    .leftJoin(affected, eq(affected.id, channelIncidents.affectedCustomerId))
    .leftJoin(territories, eq(territories.id, channelIncidents.affectedTerritoryId));
}
type RawRow = Awaited<ReturnType<typeof incidentsQuery>>[number];
const withIso = (r: RawRow) => ({ ...r, createdAt: toIso(r.createdAt), updatedAt: toIso(r.updatedAt) });
export type IncidentRow = ReturnType<typeof withIso>;

export type IncidentFilter = { channelCustomerId?: string; productId?: string; open?: boolean; scope?: SQL };

export async function findIncidents(db: Db, f: IncidentFilter, page: { page: number; pageSize: number }) {
  const w = and(
    f.channelCustomerId
      ? or(
          eq(channelIncidents.sourceCustomerId, f.channelCustomerId),
          eq(channelIncidents.affectedCustomerId, f.channelCustomerId),
        )
      : undefined,
    f.productId ? eq(channelIncidents.productId, f.productId) : undefined,
    f.open === undefined
      ? undefined
      : f.open
        ? isNull(channelIncidents.resolvedOn)
        : isNotNull(channelIncidents.resolvedOn),
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    incidentsQuery(db)
      .where(w)
      .orderBy(
        sql`${channelIncidents.resolvedOn} is not null`,
        desc(channelIncidents.openedOn),
        channelIncidents.id,
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelIncidents).where(w),
  ]);
  return { rows: rows.map(withIso), total: c?.n ?? 0 };
}

export async function getIncident(db: Db, id: string, scope?: SQL) {
  const [row] = await incidentsQuery(db).where(and(eq(channelIncidents.id, id), scope));
  return row && withIso(row);
}

export type IncidentValues = typeof channelIncidents.$inferInsert;

export async function insertIncident(db: Db, values: IncidentValues): Promise<string> {
  const [row] = await db.insert(channelIncidents).values(values).returning({ id: channelIncidents.id });
  return row!.id;
}

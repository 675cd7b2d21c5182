/** Queries of 客户开发 channel prospects: the list, one prospect, the funnel counts and the owner's territories. */
import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  channelCustomers,
  channelProspects,
  territories,
  territoryAssignments,
  users,
} from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';
import { coversToday } from '../../scope/scope.ts';

export { channelProspects, users };

type Page = { page: number; pageSize: number; sort?: string };

const owner = alias(users, 'prospect_owner');

const prospectColumns = {
  id: channelProspects.id,
  ownerId: channelProspects.ownerId,
  ownerName: owner.name,
  clientId: channelProspects.clientId,
  name: channelProspects.name,
  kind: channelProspects.kind,
  city: channelProspects.city,
  address: channelProspects.address,
  contactName: channelProspects.contactName,
  contactPhone: channelProspects.contactPhone,
  source: channelProspects.source,
  sourceNote: channelProspects.sourceNote,
  phase: channelProspects.phase,
  status: channelProspects.status,
  qualification: channelProspects.qualification,
  plan: channelProspects.plan,
  nextAction: channelProspects.nextAction,
  nextActionDue: channelProspects.nextActionDue,
  convertedCustomerId: channelProspects.convertedCustomerId,
  convertedCustomerName: channelCustomers.name,
  convertedAt: channelProspects.convertedAt,
  droppedReason: channelProspects.droppedReason,
  version: channelProspects.version,
  createdAt: channelProspects.createdAt,
  updatedAt: channelProspects.updatedAt,
};

const prospectsQuery = (db: Db) =>
  db
    .select(prospectColumns)
    .from(channelProspects)
    .innerJoin(owner, eq(owner.id, channelProspects.ownerId))
    .leftJoin(channelCustomers, eq(channelCustomers.id, channelProspects.convertedCustomerId));

const prospectRow = (r: Awaited<ReturnType<ReturnType<typeof prospectsQuery>['execute']>>[number]) => ({
  ...r,
  convertedAt: toIso(r.convertedAt),
  createdAt: toIso(r.createdAt),
  updatedAt: toIso(r.updatedAt),
});
export type ProspectRow = ReturnType<typeof prospectRow>;

export type ProspectFilter = {
  q?: string;
  status?: 'open' | 'converted' | 'dropped';
  phase?: 'preparation' | 'execution' | 'revision' | 'evaluation';
  source?: 'referral' | 'meeting' | 'phone' | 'mail' | 'marketInfo';
  kind?: 'distributor' | 'pharmacy' | 'clinic';
  ownerId?: string;
  /** The caller's user scope on the owner */
  scope?: SQL;
};

export async function findProspects(db: Db, f: ProspectFilter, page: Page) {
  const pattern = f.q ? likePattern(f.q) : undefined;
  const w = and(
    pattern
      ? or(
          ilike(channelProspects.name, pattern),
          ilike(channelProspects.city, pattern),
          ilike(channelProspects.contactName, pattern),
        )
      : undefined,
    f.status ? eq(channelProspects.status, f.status) : undefined,
    f.phase ? eq(channelProspects.phase, f.phase) : undefined,
    f.source ? eq(channelProspects.source, f.source) : undefined,
    f.kind ? eq(channelProspects.kind, f.kind) : undefined,
    f.ownerId ? eq(channelProspects.ownerId, f.ownerId) : undefined,
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    prospectsQuery(db)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          {
            name: channelProspects.name,
            createdAt: channelProspects.createdAt,
            updatedAt: channelProspects.updatedAt,
            nextActionDue: channelProspects.nextActionDue,
            phase: channelProspects.phase,
          },
          '-updatedAt',
          channelProspects.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(channelProspects).where(w),
  ]);
  return { rows: rows.map(prospectRow), total: c?.n ?? 0 };
}

export async function getProspect(db: Db, id: string, scope?: SQL) {
  const [row] = await prospectsQuery(db).where(and(eq(channelProspects.id, id), scope));
  return row && prospectRow(row);
}

export async function findProspectByClientId(db: Db, ownerId: string, clientId: string) {
  const [row] = await db
    .select({ id: channelProspects.id })
    .from(channelProspects)
    .where(and(eq(channelProspects.ownerId, ownerId), eq(channelProspects.clientId, clientId)));
  return row;
}

export async function insertProspect(db: Db, values: typeof channelProspects.$inferInsert) {
  const [row] = await db.insert(channelProspects).values(values).returning({ id: channelProspects.id });
  return row!.id;
}

/** Prospects by phase × status × source, for the funnel (the caller's scope, optionally one owner). */
export async function countProspects(db: Db, f: { ownerId?: string; scope?: SQL }) {
  return db
    .select({
      phase: channelProspects.phase,
      status: channelProspects.status,
      source: channelProspects.source,
      n: countAll,
    })
    .from(channelProspects)
    .where(and(f.ownerId ? eq(channelProspects.ownerId, f.ownerId) : undefined, f.scope))
    .groupBy(channelProspects.phase, channelProspects.status, channelProspects.source);
}

/** The user if the caller's user scope (`visible`) holds them. */
export async function getVisibleUser(db: Db, id: string, visible: SQL | undefined) {
  const [row] = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.id, id), visible));
  return row;
}

/** Active territories assigned to the user today. */
export async function findTerritoriesOfUser(db: Db, userId: string) {
  return db
    .selectDistinct({ id: territories.id, name: territories.name })
    .from(territories)
    .innerJoin(
      territoryAssignments,
      and(
        eq(territoryAssignments.territoryId, territories.id),
        eq(territoryAssignments.userId, userId),
        coversToday('territory_assignments'),
      ),
    )
    .where(eq(territories.active, true))
    .orderBy(territories.name);
}

/** Sets the converted customer on an open prospect (a second conversion finds no open row). */
export async function markConverted(
  db: Db,
  id: string,
  expectedVersion: number,
  values: { convertedCustomerId: string; convertedAt: string },
) {
  const rows = await db
    .update(channelProspects)
    .set({
      ...values,
      status: 'converted',
      version: sql`${channelProspects.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(channelProspects.id, id),
        eq(channelProspects.version, expectedVersion),
        eq(channelProspects.status, 'open'),
      ),
    )
    .returning({ id: channelProspects.id });
  return rows.length === 1;
}

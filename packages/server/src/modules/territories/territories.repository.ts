import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  channelCustomers,
  hospitals,
  products,
  teams,
  territories,
  territoryAssignments,
  territoryChannelCustomers,
  territoryHospitals,
  users,
} from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';
import { coversToday } from '../../scope/scope.ts';

/** The rep covering the territory today, if any. */
const currentRep = sql`(select ta.user_id from territory_assignments ta where ta.territory_id = ${territories.id} and ${coversToday('ta')} order by ta.start_date desc limit 1)`;
const rep = alias(users, 'rep');

const columns = {
  id: territories.id,
  code: territories.code,
  name: territories.name,
  teamId: territories.teamId,
  teamName: teams.name,
  productIds: territories.productIds,
  hospitalCount: sql<number>`(select count(*)::int from territory_hospitals th where th.territory_id = ${territories.id})`,
  channelCustomerCount: sql<number>`(select count(*)::int from territory_channel_customers tc where tc.territory_id = ${territories.id})`,
  repId: rep.id,
  repName: rep.name,
  active: territories.active,
  version: territories.version,
  createdAt: territories.createdAt,
};

function baseQuery(db: Db) {
  return db
    .select(columns)
    .from(territories)
    .innerJoin(teams, eq(teams.id, territories.teamId))
    .leftJoin(rep, sql`${rep.id} = ${currentRep}`);
}

type Row = { createdAt: string };
const toTerritory = <T extends Row>(r: T) => ({ ...r, createdAt: toIso(r.createdAt) });

export type TerritoryFilter = { q?: string; teamId?: string; repId?: string; active?: boolean; scope?: SQL };

export async function findTerritories(
  db: Db,
  f: TerritoryFilter,
  page: { page: number; pageSize: number; sort?: string },
) {
  const w = and(
    f.q
      ? or(ilike(territories.name, likePattern(f.q)), ilike(territories.code, likePattern(f.q)))
      : undefined,
    f.teamId ? eq(territories.teamId, f.teamId) : undefined,
    f.repId ? sql`${currentRep} = ${f.repId}` : undefined,
    f.active === undefined ? undefined : eq(territories.active, f.active),
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    baseQuery(db)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          {
            code: territories.code,
            name: territories.name,
            teamName: teams.name,
            createdAt: territories.createdAt,
          },
          'code',
          territories.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(territories).where(w),
  ]);
  return { rows: rows.map(toTerritory), total: c?.n ?? 0 };
}

export async function getTerritory(db: Db, id: string, scope?: SQL) {
  const [row] = await baseQuery(db).where(
    scope ? and(eq(territories.id, id), scope) : eq(territories.id, id),
  );
  return row && toTerritory(row);
}

export async function findTerritoryHospitals(db: Db, territoryId: string) {
  return db
    .select({ id: hospitals.id, name: hospitals.name, city: hospitals.city })
    .from(territoryHospitals)
    .innerJoin(hospitals, eq(hospitals.id, territoryHospitals.hospitalId))
    .where(eq(territoryHospitals.territoryId, territoryId))
    .orderBy(asc(hospitals.name));
}

export async function findTerritoryChannelCustomers(db: Db, territoryId: string) {
  return db
    .select({
      id: channelCustomers.id,
      name: channelCustomers.name,
      kind: channelCustomers.kind,
      city: channelCustomers.city,
    })
    .from(territoryChannelCustomers)
    .innerJoin(channelCustomers, eq(channelCustomers.id, territoryChannelCustomers.channelCustomerId))
    .where(eq(territoryChannelCustomers.territoryId, territoryId))
    .orderBy(asc(channelCustomers.name));
}

const assigner = alias(users, 'assigner');
export async function findAssignments(db: Db, territoryId: string) {
  const rows = await db
    .select({
      id: territoryAssignments.id,
      userId: territoryAssignments.userId,
      userName: users.name,
      startDate: territoryAssignments.startDate,
      endDate: territoryAssignments.endDate,
      note: territoryAssignments.note,
      assignedBy: assigner.name,
    })
    .from(territoryAssignments)
    .innerJoin(users, eq(users.id, territoryAssignments.userId))
    .leftJoin(assigner, eq(assigner.id, territoryAssignments.assignedBy))
    .where(eq(territoryAssignments.territoryId, territoryId))
    .orderBy(desc(territoryAssignments.startDate), desc(territoryAssignments.createdAt));
  return rows;
}

/** The open assignment (no end date): the current or the scheduled next rep. */
export async function getOpenAssignment(db: Db, territoryId: string) {
  const [row] = await db
    .select()
    .from(territoryAssignments)
    .where(and(eq(territoryAssignments.territoryId, territoryId), isNull(territoryAssignments.endDate)));
  return row;
}

export async function endAssignment(db: Db, assignmentId: string, endDate: string) {
  await db.update(territoryAssignments).set({ endDate }).where(eq(territoryAssignments.id, assignmentId));
}

export async function insertAssignment(
  db: Db,
  values: {
    territoryId: string;
    userId: string;
    startDate: string;
    note?: string | null;
    assignedBy: string;
  },
) {
  const [row] = await db
    .insert(territoryAssignments)
    .values(values)
    .returning({ id: territoryAssignments.id });
  return row!.id;
}

export async function insertTerritory(
  db: Db,
  values: { code: string; name: string; teamId: string; productIds: string[] },
) {
  const [row] = await db.insert(territories).values(values).returning({ id: territories.id });
  return row!.id;
}

/** Replaces the territory's hospitals with `hospitalIds`. */
export async function setHospitals(db: Db, territoryId: string, hospitalIds: string[]) {
  await db.delete(territoryHospitals).where(eq(territoryHospitals.territoryId, territoryId));
  if (hospitalIds.length) {
    await db
      .insert(territoryHospitals)
      .values([...new Set(hospitalIds)].map((hospitalId) => ({ territoryId, hospitalId })));
  }
}

export async function setChannelCustomers(db: Db, territoryId: string, ids: string[]) {
  await db.delete(territoryChannelCustomers).where(eq(territoryChannelCustomers.territoryId, territoryId));
  if (ids.length) {
    await db
      .insert(territoryChannelCustomers)
      .values([...new Set(ids)].map((channelCustomerId) => ({ territoryId, channelCustomerId })));
  }
}

/** How many of the given ids exist in a table (to reject unknown ids with a 404). */
export async function countExisting(
  db: Db,
  table: 'hospitals' | 'channelCustomers' | 'products',
  ids: string[],
) {
  if (!ids.length) return 0;
  const unique = [...new Set(ids)];
  const t = { hospitals, channelCustomers, products }[table];
  const [row] = await db.select({ n: countAll }).from(t).where(inArray(t.id, unique));
  return row?.n ?? 0;
}

export async function getUserForAssignment(db: Db, userId: string) {
  const [row] = await db
    .select({ id: users.id, role: users.role, active: users.active, teamId: users.teamId })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export { territories };

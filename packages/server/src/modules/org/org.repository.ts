import { and, eq, ilike, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { areas, regions, teams, users } from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

export type Page = { page: number; pageSize: number; sort?: string };

// ── regions 大区 ──
const regionColumns = {
  id: regions.id,
  name: regions.name,
  active: regions.active,
  version: regions.version,
  createdAt: regions.createdAt,
};
const regionRow = <T extends { createdAt: string }>(r: T) => ({ ...r, createdAt: toIso(r.createdAt) });

export async function findRegions(db: Db, filter: { q?: string; active?: boolean }, page: Page) {
  const w = and(
    filter.q ? ilike(regions.name, likePattern(filter.q)) : undefined,
    filter.active === undefined ? undefined : eq(regions.active, filter.active),
  );
  const [rows, [c]] = await Promise.all([
    db
      .select(regionColumns)
      .from(regions)
      .where(w)
      .orderBy(
        ...orderBy(page.sort, { name: regions.name, createdAt: regions.createdAt }, 'name', regions.id),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(regions).where(w),
  ]);
  return { rows: rows.map(regionRow), total: c?.n ?? 0 };
}

export async function getRegion(db: Db, id: string) {
  const [row] = await db.select(regionColumns).from(regions).where(eq(regions.id, id));
  return row && regionRow(row);
}

export async function insertRegion(db: Db, values: { name: string }) {
  const [row] = await db.insert(regions).values(values).returning({ id: regions.id });
  return row!.id;
}

// ── areas 地区 ──
const areaColumns = {
  ...regionColumns,
  id: areas.id,
  name: areas.name,
  active: areas.active,
  version: areas.version,
  createdAt: areas.createdAt,
  regionId: areas.regionId,
  regionName: regions.name,
};

export async function findAreas(
  db: Db,
  filter: { q?: string; regionId?: string; active?: boolean },
  page: Page,
) {
  const w = and(
    filter.q ? ilike(areas.name, likePattern(filter.q)) : undefined,
    filter.regionId ? eq(areas.regionId, filter.regionId) : undefined,
    filter.active === undefined ? undefined : eq(areas.active, filter.active),
  );
  const [rows, [c]] = await Promise.all([
    db
      .select(areaColumns)
      .from(areas)
      .innerJoin(regions, eq(regions.id, areas.regionId))
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          { name: areas.name, regionName: regions.name, createdAt: areas.createdAt },
          'name',
          areas.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(areas).where(w),
  ]);
  return { rows: rows.map(regionRow), total: c?.n ?? 0 };
}

export async function getArea(db: Db, id: string) {
  const [row] = await db
    .select(areaColumns)
    .from(areas)
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(eq(areas.id, id));
  return row && regionRow(row);
}

export async function insertArea(db: Db, values: { name: string; regionId: string }) {
  const [row] = await db.insert(areas).values(values).returning({ id: areas.id });
  return row!.id;
}

// ── teams ──
const memberCount = sql<number>`(select count(*)::int from users m where m.team_id = ${teams.id} and m.role = 'rep' and m.active)`;
const teamColumns = {
  id: teams.id,
  name: teams.name,
  active: teams.active,
  version: teams.version,
  createdAt: teams.createdAt,
  areaId: teams.areaId,
  areaName: areas.name,
  regionName: regions.name,
  managerId: teams.managerId,
  managerName: users.name,
  memberCount,
};

function teamsQuery(db: Db) {
  return db
    .select(teamColumns)
    .from(teams)
    .innerJoin(areas, eq(areas.id, teams.areaId))
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .leftJoin(users, eq(users.id, teams.managerId));
}

export async function findTeams(
  db: Db,
  filter: { q?: string; areaId?: string; active?: boolean; scope?: SQL },
  page: Page,
) {
  const w = and(
    filter.q ? ilike(teams.name, likePattern(filter.q)) : undefined,
    filter.areaId ? eq(teams.areaId, filter.areaId) : undefined,
    filter.active === undefined ? undefined : eq(teams.active, filter.active),
    filter.scope,
  );
  const [rows, [c]] = await Promise.all([
    teamsQuery(db)
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          { name: teams.name, areaName: areas.name, regionName: regions.name, createdAt: teams.createdAt },
          'name',
          teams.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(teams).where(w),
  ]);
  return { rows: rows.map(regionRow), total: c?.n ?? 0 };
}

export async function getTeam(db: Db, id: string, scope?: SQL) {
  const [row] = await teamsQuery(db).where(and(eq(teams.id, id), scope));
  return row && regionRow(row);
}

export async function insertTeam(
  db: Db,
  values: { name: string; areaId: string; managerId?: string | null },
) {
  const [row] = await db.insert(teams).values(values).returning({ id: teams.id });
  return row!.id;
}

export async function findUserRole(db: Db, userId: string) {
  const [row] = await db
    .select({ role: users.role, active: users.active, teamId: users.teamId })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function countActiveMembers(db: Db, teamId: string) {
  const [row] = await db
    .select({ n: countAll })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.active, true), eq(users.role, 'rep')));
  return row?.n ?? 0;
}

/** A manager's own team follows the team they lead. */
export async function setManagerTeam(db: Db, managerId: string, teamId: string) {
  await db
    .update(users)
    .set({ teamId, updatedAt: sql`now()` })
    .where(eq(users.id, managerId));
}

export { regions, areas, teams };

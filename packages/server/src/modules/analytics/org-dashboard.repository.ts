import { and, asc, eq, inArray } from 'drizzle-orm';
import type { OrgLevel } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { areas, regions, teams, users } from '../../db/schema.ts';

export type OrgUnit = { id: string; name: string };

/** The active units of a level, by name; `parentId` narrows areas to a region and teams to an area. */
export async function findOrgUnits(db: Db, level: OrgLevel, parentId?: string): Promise<OrgUnit[]> {
  switch (level) {
    case 'region':
      return db
        .select({ id: regions.id, name: regions.name })
        .from(regions)
        .where(eq(regions.active, true))
        .orderBy(asc(regions.name), asc(regions.id));
    case 'area':
      return db
        .select({ id: areas.id, name: areas.name })
        .from(areas)
        .where(and(eq(areas.active, true), parentId ? eq(areas.regionId, parentId) : undefined))
        .orderBy(asc(areas.name), asc(areas.id));
    case 'team':
      return db
        .select({ id: teams.id, name: teams.name })
        .from(teams)
        .where(and(eq(teams.active, true), parentId ? eq(teams.areaId, parentId) : undefined))
        .orderBy(asc(teams.name), asc(teams.id));
  }
}

export async function getRegion(db: Db, id: string): Promise<OrgUnit | undefined> {
  const [row] = await db
    .select({ id: regions.id, name: regions.name })
    .from(regions)
    .where(eq(regions.id, id));
  return row;
}

export async function getArea(db: Db, id: string): Promise<(OrgUnit & { region: OrgUnit }) | undefined> {
  const [row] = await db
    .select({ id: areas.id, name: areas.name, regionId: regions.id, regionName: regions.name })
    .from(areas)
    .innerJoin(regions, eq(regions.id, areas.regionId))
    .where(eq(areas.id, id));
  return row && { id: row.id, name: row.name, region: { id: row.regionId, name: row.regionName } };
}

/**
 * The active reps of active teams under each unit: `{ repId, unitId }` where unitId is the row's region, area
 * or team. Inactive teams and areas drop out with their reps (a unit closed down reports nothing).
 */
export async function findRepsUnder(
  db: Db,
  level: OrgLevel,
  unitIds: string[],
): Promise<{ repId: string; unitId: string }[]> {
  if (unitIds.length === 0) return [];
  const unitColumn = level === 'region' ? areas.regionId : level === 'area' ? teams.areaId : teams.id;
  return db
    .select({ repId: users.id, unitId: unitColumn })
    .from(users)
    .innerJoin(teams, eq(teams.id, users.teamId))
    .innerJoin(areas, eq(areas.id, teams.areaId))
    .where(
      and(
        eq(users.role, 'rep'),
        eq(users.active, true),
        eq(teams.active, true),
        eq(areas.active, true),
        inArray(unitColumn, unitIds),
      ),
    )
    .orderBy(asc(users.id));
}

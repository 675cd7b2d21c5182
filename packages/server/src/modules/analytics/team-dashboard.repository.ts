import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { products, teams, territories, users } from '../../db/schema.ts';

export type TeamRef = { id: string; name: string };

/** The teams a manager leads, by name. */
export async function findLedTeams(db: Db, managerId: string): Promise<TeamRef[]> {
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.managerId, managerId))
    .orderBy(asc(teams.name), asc(teams.id));
}

export async function getTeam(db: Db, id: string): Promise<TeamRef | undefined> {
  const [row] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, id));
  return row;
}

/** The active reps of the teams, by name. */
export async function findActiveReps(db: Db, teamIds: string[]) {
  if (!teamIds.length) return [];
  return db
    .select({ id: users.id, name: users.name, username: users.username, teamId: users.teamId })
    .from(users)
    .where(and(inArray(users.teamId, teamIds), eq(users.role, 'rep'), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.id));
}

/** Products carried in the teams' territories plus any asked ids, by name. */
export async function findTeamProducts(db: Db, teamIds: string[], extraIds: string[]) {
  if (!teamIds.length && !extraIds.length) return [];
  const carried = teamIds.length
    ? sql`${products.id} in (select unnest(tr.product_ids) from ${territories} tr where tr.team_id = any(${sql.param(teamIds)}::uuid[]) and tr.active)`
    : sql`false`;
  const extra = extraIds.length ? sql`${products.id} = any(${sql.param(extraIds)}::uuid[])` : sql`false`;
  return db
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(sql`(${carried} or ${extra})`)
    .orderBy(asc(products.name), asc(products.id));
}

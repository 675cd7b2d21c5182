import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { teams, users } from '../../db/schema.ts';

/** Who leads the team a user belongs to (null without a team or a manager). */
export async function teamManagerOf(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ managerId: teams.managerId })
    .from(users)
    .innerJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, userId));
  return row?.managerId ?? null;
}

/** Whether `userId` is a member of a team `managerId` leads. */
export async function isRepOfManager(db: Db, userId: string, managerId: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        sql`${users.teamId} in (select t.id from teams t where t.manager_id = ${managerId})`,
      ),
    );
  return row !== undefined;
}

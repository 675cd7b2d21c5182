import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { userDuties, type Role, type UserDuty } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { teams, users } from '../../db/schema.ts';
import { countAll, likePattern, offsetOf, orderBy, toIso } from '../../db/list.ts';

const columns = {
  id: users.id,
  username: users.username,
  name: users.name,
  role: users.role,
  teamId: users.teamId,
  teamName: teams.name,
  phone: users.phone,
  email: users.email,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lastLoginAt: users.lastLoginAt,
  duties: users.duties,
  version: users.version,
  createdAt: users.createdAt,
};

type Row = { createdAt: string; lastLoginAt: string | null; duties: string[] };
const toUser = <T extends Row>(r: T) => ({
  ...r,
  duties: r.duties.filter((d): d is UserDuty => (userDuties as readonly string[]).includes(d)),
  createdAt: toIso(r.createdAt),
  lastLoginAt: toIso(r.lastLoginAt),
});

export type UserFilter = { q?: string; role?: Role; teamId?: string; active?: boolean; scope?: SQL };

export async function findUsers(
  db: Db,
  f: UserFilter,
  page: { page: number; pageSize: number; sort?: string },
) {
  // drizzle's and() skips the undefined conditions
  const w = and(
    f.q ? or(ilike(users.name, likePattern(f.q)), ilike(users.username, likePattern(f.q))) : undefined,
    f.role ? eq(users.role, f.role) : undefined,
    f.teamId ? eq(users.teamId, f.teamId) : undefined,
    f.active === undefined ? undefined : eq(users.active, f.active),
    f.scope,
  );
  const [rows, [c]] = await Promise.all([
    db
      .select(columns)
      .from(users)
      .leftJoin(teams, eq(teams.id, users.teamId))
      .where(w)
      .orderBy(
        ...orderBy(
          page.sort,
          {
            username: users.username,
            name: users.name,
            role: users.role,
            createdAt: users.createdAt,
            lastLoginAt: users.lastLoginAt,
          },
          'username',
          users.id,
        ),
      )
      .limit(page.pageSize)
      .offset(offsetOf(page.page, page.pageSize)),
    db.select({ n: countAll }).from(users).where(w),
  ]);
  return { rows: rows.map(toUser), total: c?.n ?? 0 };
}

export async function getUser(db: Db, id: string, scope?: SQL) {
  const [row] = await db
    .select(columns)
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(scope ? and(eq(users.id, id), scope) : eq(users.id, id));
  return row && toUser(row);
}

export async function insertUser(
  db: Db,
  values: {
    username: string;
    name: string;
    role: Role;
    teamId?: string | null;
    phone?: string | null;
    email?: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
    duties?: string[];
  },
) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

export async function teamExists(db: Db, teamId: string) {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  return !!row;
}

export async function setPassword(db: Db, userId: string, passwordHash: string, mustChangePassword: boolean) {
  await db
    .update(users)
    .set({
      passwordHash,
      mustChangePassword,
      passwordChangedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}

export { users };

import { and, count, desc, eq, gte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { preparedPerDb } from '../../db/prepared.ts';
import { loginFailures, sessions, users } from '../../db/schema.ts';

export async function findUserForLogin(db: Db, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return row;
}

const sessionLookup = preparedPerDb((db) =>
  db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      name: users.name,
      role: users.role,
      teamId: users.teamId,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .limit(1)
    .prepare('session_by_token_hash'),
);

/** The session behind a cookie token hash, with its user (every request: prepared). */
export async function findSessionByTokenHash(db: Db, tokenHash: string) {
  const [row] = await sessionLookup(db).execute({ tokenHash });
  return row;
}

export async function insertSession(
  db: Db,
  values: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: string;
    userAgent?: string;
    ip?: string;
  },
) {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  return row!;
}

export async function touchSession(db: Db, sessionId: string) {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `exceptSessionId`. Returns how many ended. */
export async function deleteUserSessions(db: Db, userId: string, exceptSessionId?: string) {
  const rows = await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** Failures for a username since `since`, newest first (at most `limit`). */
export async function findRecentFailures(db: Db, username: string, since: Date, limit: number) {
  return db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(
      and(eq(loginFailures.username, username.toLowerCase()), gte(loginFailures.at, since.toISOString())),
    )
    .orderBy(desc(loginFailures.at))
    .limit(limit);
}

export async function countRecentFailures(db: Db, username: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(
      and(eq(loginFailures.username, username.toLowerCase()), gte(loginFailures.at, since.toISOString())),
    );
  return row?.n ?? 0;
}

export async function insertLoginFailure(db: Db, username: string, ip: string | undefined) {
  await db.insert(loginFailures).values({ username: username.toLowerCase(), ip });
}

export async function clearLoginFailures(db: Db, username: string) {
  await db.delete(loginFailures).where(eq(loginFailures.username, username.toLowerCase()));
}

export async function setLastLogin(db: Db, userId: string) {
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function updatePassword(
  db: Db,
  userId: string,
  values: { passwordHash: string; mustChangePassword: boolean },
) {
  await db
    .update(users)
    .set({
      ...values,
      passwordChangedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}

export async function findPasswordHash(db: Db, userId: string) {
  const [row] = await db
    .select({ passwordHash: users.passwordHash, username: users.username })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { NotificationKind } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';

const n = s.notifications;

const notificationColumns = {
  id: n.id,
  kind: n.kind,
  sourceKey: n.sourceKey,
  params: n.params,
  link: n.link,
  readAt: n.readAt,
  createdAt: n.createdAt,
};

export async function findNotifications(
  db: Db,
  userId: string,
  q: { unread?: boolean; kind?: NotificationKind; page: number; pageSize: number },
) {
  const where = and(
    eq(n.userId, userId),
    q.unread ? isNull(n.readAt) : undefined,
    q.kind ? eq(n.kind, q.kind) : undefined,
  );
  const items = await db
    .select(notificationColumns)
    .from(n)
    .where(where)
    .orderBy(desc(n.createdAt), desc(n.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(n)
    .where(where);
  return { items, total: count?.n ?? 0 };
}

/** One of the user's own notifications (another user's is treated as missing). */
export async function getOwnNotification(db: Db, userId: string, id: string) {
  const [row] = await db
    .select(notificationColumns)
    .from(n)
    .where(and(eq(n.id, id), eq(n.userId, userId)));
  return row;
}

export async function markRead(db: Db, userId: string, id: string): Promise<void> {
  await db
    .update(n)
    .set({ readAt: sql`now()` })
    .where(and(eq(n.id, id), eq(n.userId, userId), isNull(n.readAt)));
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(n)
    .set({ readAt: sql`now()` })
    .where(and(eq(n.userId, userId), isNull(n.readAt)))
    .returning({ id: n.id });
  return rows.length;
}

// ── settings ────────────────────────────────────────────────────────────────

const ns = s.notificationSettings;

export async function getSettings(db: Db, userId: string) {
  const [row] = await db
    .select({
      disabledKinds: ns.disabledKinds,
      emailKinds: ns.emailKinds,
      quietStart: ns.quietStart,
      quietEnd: ns.quietEnd,
      frequencyReminderDays: ns.frequencyReminderDays,
      version: ns.version,
    })
    .from(ns)
    .where(eq(ns.userId, userId));
  return row;
}

export type SettingsValues = {
  disabledKinds: string[];
  emailKinds: string[];
  quietStart: string | null;
  quietEnd: string | null;
  frequencyReminderDays: number;
};

export async function insertSettings(db: Db, userId: string, values: SettingsValues): Promise<boolean> {
  const rows = await db
    .insert(ns)
    .values({ userId, ...values })
    .onConflictDoNothing()
    .returning({ userId: ns.userId });
  return rows.length === 1;
}

/** Optimistic update on the settings' version; false when the version moved on. */
export async function updateSettings(db: Db, userId: string, version: number, values: SettingsValues) {
  const rows = await db
    .update(ns)
    .set({ ...values, version: sql`${ns.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(ns.userId, userId), eq(ns.version, version)))
    .returning({ userId: ns.userId });
  return rows.length === 1;
}

// ── channels ────────────────────────────────────────────────────────────────

const c = s.notificationChannels;

const channelColumns = {
  id: c.id,
  kind: c.kind,
  name: c.name,
  teamId: c.teamId,
  teamName: s.teams.name,
  config: c.config,
  kinds: c.kinds,
  active: c.active,
  hasSecret: sql<boolean>`${c.secretEncrypted} is not null`,
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
};

export async function findChannels(db: Db) {
  return db
    .select(channelColumns)
    .from(c)
    .leftJoin(s.teams, eq(s.teams.id, c.teamId))
    .orderBy(asc(c.kind), asc(c.name), asc(c.id));
}

export async function getChannel(db: Db, id: string) {
  const [row] = await db
    .select(channelColumns)
    .from(c)
    .leftJoin(s.teams, eq(s.teams.id, c.teamId))
    .where(eq(c.id, id));
  return row;
}

/** The sealed secret, for sending only. */
export async function getChannelSecret(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ secret: c.secretEncrypted }).from(c).where(eq(c.id, id));
  return row?.secret ?? null;
}

export async function insertChannel(db: Db, values: typeof c.$inferInsert): Promise<string> {
  const [row] = await db.insert(c).values(values).returning({ id: c.id });
  return row!.id;
}

export async function teamExists(db: Db, teamId: string): Promise<boolean> {
  const [row] = await db.select({ id: s.teams.id }).from(s.teams).where(eq(s.teams.id, teamId));
  return !!row;
}

export async function getUserEmail(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: s.users.email }).from(s.users).where(eq(s.users.id, userId));
  return row?.email ?? null;
}

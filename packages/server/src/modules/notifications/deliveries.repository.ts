import { and, asc, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { DeliveryStatus } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';

const d = s.notificationDeliveries;

/** Rows a crashed worker left `sending`: never sent again, since the send may have happened (at most once). */
export async function markStaleClaimsUncertain(db: Db, claimedBefore: Date): Promise<number> {
  const rows = await db
    .update(d)
    .set({
      status: 'uncertain',
      lastError: sql`coalesce(${d.lastError} || ' · ', '') || 'interrupted after the claim; not resent'`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(d.status, 'sending'), lt(d.claimedAt, claimedBefore.toISOString())))
    .returning({ id: d.id });
  return rows.length;
}

export async function findDueDeliveryIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: d.id })
    .from(d)
    .where(and(inArray(d.status, ['pending', 'retrying']), lte(d.nextAttemptAt, now.toISOString())))
    .orderBy(asc(d.nextAttemptAt), asc(d.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Takes one due row for this worker: the conditional UPDATE succeeds for exactly one of two racing workers.
 * Returns the attempt number, or null when someone else took it (or it is no longer due).
 */
export async function claimDelivery(db: Db, id: string, now: Date): Promise<number | null> {
  const [row] = await db
    .update(d)
    .set({
      status: 'sending',
      attempts: sql`${d.attempts} + 1`,
      claimedAt: now.toISOString(),
      updatedAt: sql`now()`,
    })
    .where(
      and(eq(d.id, id), inArray(d.status, ['pending', 'retrying']), lte(d.nextAttemptAt, now.toISOString())),
    )
    .returning({ attempts: d.attempts });
  return row?.attempts ?? null;
}

/** What a send needs: the notification, its reader and the channel. */
export async function getDeliveryWork(db: Db, id: string) {
  const [row] = await db
    .select({
      id: d.id,
      target: d.target,
      kind: s.notifications.kind,
      params: s.notifications.params,
      link: s.notifications.link,
      channelId: s.notificationChannels.id,
      channelKind: s.notificationChannels.kind,
      channelActive: s.notificationChannels.active,
      config: s.notificationChannels.config,
      secretEncrypted: s.notificationChannels.secretEncrypted,
    })
    .from(d)
    .innerJoin(s.notifications, eq(s.notifications.id, d.notificationId))
    .innerJoin(s.notificationChannels, eq(s.notificationChannels.id, d.channelId))
    .where(eq(d.id, id));
  return row;
}

/** Records the outcome of a claimed attempt; only while the row is still ours (`sending`). */
export async function recordDeliveryOutcome(
  db: Db,
  id: string,
  outcome:
    | { status: 'sent'; at: Date }
    | { status: 'retrying'; nextAttemptAt: Date; error: string }
    | { status: 'failed'; error: string },
): Promise<void> {
  const values =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sentAt: outcome.at.toISOString() }
      : outcome.status === 'retrying'
        ? {
            status: 'retrying' as const,
            nextAttemptAt: outcome.nextAttemptAt.toISOString(),
            lastError: outcome.error,
          }
        : { status: 'failed' as const, lastError: outcome.error };
  await db
    .update(d)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(d.id, id), eq(d.status, 'sending')));
}

export async function findDeliveries(
  db: Db,
  query: { status?: DeliveryStatus; page: number; pageSize: number },
) {
  const where = query.status ? eq(d.status, query.status) : undefined;
  const items = await db
    .select({
      id: d.id,
      notificationId: d.notificationId,
      notificationKind: s.notifications.kind,
      userName: s.users.name,
      channelId: d.channelId,
      channelName: s.notificationChannels.name,
      channelKind: s.notificationChannels.kind,
      target: d.target,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      sentAt: d.sentAt,
      lastError: d.lastError,
      createdAt: d.createdAt,
    })
    .from(d)
    .innerJoin(s.notifications, eq(s.notifications.id, d.notificationId))
    .innerJoin(s.users, eq(s.users.id, s.notifications.userId))
    .innerJoin(s.notificationChannels, eq(s.notificationChannels.id, d.channelId))
    .where(where)
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(d)
    .where(where);
  return { items, total: count?.n ?? 0 };
}

export async function deliveryFigures(db: Db): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .select({ status: d.status, n: sql<number>`count(*)::int` })
    .from(d)
    .groupBy(d.status);
  const figures = { pending: 0, sending: 0, sent: 0, retrying: 0, failed: 0, uncertain: 0 };
  for (const r of rows) figures[r.status] = r.n;
  return figures;
}

import { and, eq, sql } from 'drizzle-orm';
import type { NotificationKind } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import * as s from '../../db/schema.ts';

export type NotifyInput = {
  userId: string;
  kind: NotificationKind;
  /** Identifies the cause, e.g. `reportComment:<commentId>`: the same key for the same user never notifies twice */
  sourceKey: string;
  /** Parameters of the kind's message (`notifications.message.<kind>`), e.g. { doctor: '张三', due: '2026-12-08' } */
  params?: Record<string, string | number>;
  /** Path in the web app, e.g. `/reports/daily/<id>` */
  link?: string;
};

/**
 * The one way any module raises a notification, inside the caller's transaction. Skipped when the user switched
 * the kind off; idempotent on (user, sourceKey). Returns the new notification's id, or null when nothing was added.
 * Outbound deliveries (e-mail, robots) are queued by the notifications module from the rows written here.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<string | null> {
  const [settings] = await tx
    .select({ disabledKinds: s.notificationSettings.disabledKinds })
    .from(s.notificationSettings)
    .where(eq(s.notificationSettings.userId, input.userId));
  if (settings?.disabledKinds.includes(input.kind)) return null;
  const [row] = await tx
    .insert(s.notifications)
    .values({
      userId: input.userId,
      kind: input.kind,
      sourceKey: input.sourceKey,
      params: input.params ?? {},
      link: input.link ?? null,
    })
    .onConflictDoNothing({ target: [s.notifications.userId, s.notifications.sourceKey] })
    .returning({ id: s.notifications.id });
  return row?.id ?? null;
}

/** Unread notifications of a user (the header badge). */
export async function unreadCount(tx: Db, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(s.notifications)
    .where(and(eq(s.notifications.userId, userId), sql`${s.notifications.readAt} is null`));
  return row?.n ?? 0;
}

import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { quietHoursEnd } from '@keqing/domain';
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
 * In the same transaction it queues the outbound deliveries: e-mail when the user asked for the kind by e-mail and
 * an active SMTP channel carries it, and one per active group robot of the user's team (or of all teams) carrying
 * it; during the user's quiet hours 免打扰 the first attempt waits until they end. `options.now` is for tests.
 */
export async function notify(
  tx: Db,
  input: NotifyInput,
  options: { now?: Date } = {},
): Promise<string | null> {
  const [settings] = await tx
    .select({
      disabledKinds: s.notificationSettings.disabledKinds,
      emailKinds: s.notificationSettings.emailKinds,
      quietStart: s.notificationSettings.quietStart,
      quietEnd: s.notificationSettings.quietEnd,
    })
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
  if (!row) return null;
  await queueDeliveries(tx, row.id, input, settings ?? null, options.now ?? new Date());
  return row.id;
}

async function queueDeliveries(
  tx: Db,
  notificationId: string,
  input: NotifyInput,
  settings: { emailKinds: string[]; quietStart: string | null; quietEnd: string | null } | null,
  now: Date,
): Promise<void> {
  const [user] = await tx
    .select({ email: s.users.email, teamId: s.users.teamId, active: s.users.active })
    .from(s.users)
    .where(eq(s.users.id, input.userId));
  if (!user?.active) return;
  const wantsEmail = !!user.email && !!settings?.emailKinds.includes(input.kind);
  const channels = await tx
    .select({
      id: s.notificationChannels.id,
      kind: s.notificationChannels.kind,
      name: s.notificationChannels.name,
    })
    .from(s.notificationChannels)
    .where(
      and(
        eq(s.notificationChannels.active, true),
        sql`${input.kind} = any(${s.notificationChannels.kinds})`,
        or(
          eq(s.notificationChannels.kind, 'smtp'),
          isNull(s.notificationChannels.teamId),
          user.teamId ? eq(s.notificationChannels.teamId, user.teamId) : sql`false`,
        ),
      ),
    );
  const due = quietHoursEnd(now, settings?.quietStart ?? null, settings?.quietEnd ?? null) ?? now;
  const rows = channels.flatMap((c) => {
    if (c.kind === 'smtp') {
      // one e-mail per notification, even if several SMTP channels carry the kind
      return wantsEmail && c.id === channels.find((x) => x.kind === 'smtp')?.id
        ? [{ notificationId, channelId: c.id, target: user.email!, nextAttemptAt: due.toISOString() }]
        : [];
    }
    return [{ notificationId, channelId: c.id, target: c.name, nextAttemptAt: due.toISOString() }];
  });
  if (rows.length > 0) await tx.insert(s.notificationDeliveries).values(rows).onConflictDoNothing();
}

/** Unread notifications of a user (the header badge). */
export async function unreadCount(tx: Db, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(s.notifications)
    .where(and(eq(s.notifications.userId, userId), sql`${s.notifications.readAt} is null`));
  return row?.n ?? 0;
}

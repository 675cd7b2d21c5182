import { chinaDate, isWebhookUrl } from '@keqing/domain';
import {
  isNotificationKind,
  ruleMessage,
  type ChannelConfig,
  type ChannelTestResult,
  type CreateNotificationChannel,
  type DeliveryListQuery,
  type ListResponse,
  type Notification,
  type NotificationChannel,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationListQuery,
  type NotificationRun,
  type NotificationSettings,
  type UpdateNotificationChannel,
  type UpdateNotificationSettings,
  type DeliveryFigures,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound, versionConflict } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as s from '../../db/schema.ts';
import { deliveryFigures, findDeliveries } from './deliveries.repository.ts';
import { runDeliveries, sendOutbound, type DeliveryDeps } from './deliveries.worker.ts';
import { renderNotificationText } from './notification-text.ts';
import { runNotificationRules } from './notification-rules.ts';
import { unreadCount } from './notify.ts';
import * as repo from './notifications.repository.ts';
import { openSecret, sealSecret } from './secret-box.ts';

export type NotificationsDeps = {
  db: Db;
  now?: () => Date;
  /** Key for stored secrets and the worker's options */
  delivery: DeliveryDeps;
};

const defaultReminderDays = 3;

function checkKinds(path: string, kinds: string[]): NotificationKind[] {
  kinds.forEach((kind, i) => {
    if (!isNotificationKind(kind))
      throw fieldError(`${path}.${i}`, 'notifications.settings.unknownKind', { kind });
  });
  return [...new Set(kinds as NotificationKind[])];
}

/** A channel's configuration as its kind needs it; only the keys that kind uses are kept. */
function checkConfig(kind: NotificationChannel['kind'], config: ChannelConfig): ChannelConfig {
  if (kind === 'smtp') {
    if (!config.host) throw fieldError('body.config.host', 'notifications.channel.hostRequired');
    if (!config.from) throw fieldError('body.config.from', 'notifications.channel.fromRequired');
    return {
      host: config.host,
      port: config.port ?? (config.secure ? 465 : 587),
      secure: config.secure ?? false,
      ...(config.username ? { username: config.username } : {}),
      from: config.from,
    };
  }
  if (!config.url) throw fieldError('body.config.url', 'notifications.channel.urlRequired');
  if (!isWebhookUrl(config.url)) throw fieldError('body.config.url', 'notifications.channel.badUrl');
  return { url: config.url };
}

function assertChannelAdmin(ctx: RequestContext) {
  if (ctx.actor.role !== 'admin') throw forbidden('notifications.channel.adminOnly');
}

type ChannelRow = NonNullable<Awaited<ReturnType<typeof repo.getChannel>>>;
const channelOf = (row: ChannelRow): NotificationChannel => ({
  ...row,
  config: row.config as ChannelConfig,
  kinds: row.kinds.filter(isNotificationKind),
});

/** 通知: the notification centre, personal settings, outbound channels (admin) and deliveries. */
export function createNotificationsService(deps: NotificationsDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const notificationOf = (
    ctx: RequestContext,
    row: NonNullable<Awaited<ReturnType<typeof repo.getOwnNotification>>>,
  ): Notification => {
    const params = row.params as Record<string, string | number>;
    return {
      ...row,
      kind: row.kind as NotificationKind,
      params,
      text: renderNotificationText(ctx.locale, row.kind, params),
    };
  };

  async function loadChannel(tx: Db, id: string) {
    const row = await repo.getChannel(tx, id);
    return row ? channelOf(row) : undefined;
  }

  return {
    async findNotifications(
      ctx: RequestContext,
      q: NotificationListQuery,
    ): Promise<ListResponse<Notification>> {
      const { items, total } = await repo.findNotifications(db, ctx.actor.id, q);
      return { items: items.map((r) => notificationOf(ctx, r)), total, page: q.page, pageSize: q.pageSize };
    },

    async unreadCount(ctx: RequestContext): Promise<{ count: number }> {
      return { count: await unreadCount(db, ctx.actor.id) };
    },

    /** Marks one of the caller's notifications read (again: no change); another user's answers 404. */
    async markRead(ctx: RequestContext, id: string): Promise<Notification> {
      return db.transaction(async (tx) => {
        if (!(await repo.getOwnNotification(tx, ctx.actor.id, id))) throw notFound();
        await repo.markRead(tx, ctx.actor.id, id);
        return notificationOf(ctx, (await repo.getOwnNotification(tx, ctx.actor.id, id))!);
      });
    },

    async markAllRead(ctx: RequestContext): Promise<{ updated: number }> {
      return { updated: await repo.markAllRead(db, ctx.actor.id) };
    },

    async getSettings(ctx: RequestContext): Promise<NotificationSettings> {
      const row = await repo.getSettings(db, ctx.actor.id);
      if (!row)
        return {
          disabledKinds: [],
          emailKinds: [],
          quietStart: null,
          quietEnd: null,
          frequencyReminderDays: defaultReminderDays,
          version: null,
        };
      return {
        ...row,
        disabledKinds: row.disabledKinds.filter(isNotificationKind),
        emailKinds: row.emailKinds.filter(isNotificationKind),
      };
    },

    /** The caller's own settings; an unknown kind or half a quiet period → 400, nothing saved. */
    async updateSettings(
      ctx: RequestContext,
      body: UpdateNotificationSettings,
    ): Promise<NotificationSettings> {
      const values = {
        disabledKinds: checkKinds('body.disabledKinds', body.disabledKinds),
        emailKinds: checkKinds('body.emailKinds', body.emailKinds),
        quietStart: body.quietStart,
        quietEnd: body.quietEnd,
        frequencyReminderDays: body.frequencyReminderDays,
      };
      if ((values.quietStart === null) !== (values.quietEnd === null))
        throw fieldError(
          values.quietStart === null ? 'body.quietStart' : 'body.quietEnd',
          'notifications.settings.quietHalf',
        );
      await db.transaction(async (tx) => {
        const before = await repo.getSettings(tx, ctx.actor.id);
        if (before) {
          if (body.version != null && body.version !== before.version) throw versionConflict(before.version);
          if (!(await repo.updateSettings(tx, ctx.actor.id, before.version, values)))
            throw versionConflict(before.version + 1);
        } else if (!(await repo.insertSettings(tx, ctx.actor.id, values))) {
          throw new AppError('VERSION_CONFLICT', { details: { currentVersion: 1 } });
        }
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'notificationSettings',
          entityId: ctx.actor.id,
          action: before ? 'update' : 'create',
          before,
          after: await repo.getSettings(tx, ctx.actor.id),
        });
      });
      return this.getSettings(ctx);
    },

    async findChannels(ctx: RequestContext): Promise<{ items: NotificationChannel[] }> {
      assertChannelAdmin(ctx);
      return { items: (await repo.findChannels(db)).map(channelOf) };
    },

    /** A new SMTP server or group robot; the secret is sealed, the audit sees only `hasSecret`. */
    async createChannel(ctx: RequestContext, body: CreateNotificationChannel): Promise<NotificationChannel> {
      assertChannelAdmin(ctx);
      const kinds = checkKinds('body.kinds', body.kinds);
      const config = checkConfig(body.kind, body.config);
      if (body.kind === 'wecom' && body.secret)
        throw fieldError('body.secret', 'notifications.channel.secretOnlyDingTalk');
      const teamId = body.kind === 'smtp' ? null : (body.teamId ?? null);
      if (teamId && !(await repo.teamExists(db, teamId)))
        throw fieldError('body.teamId', 'notifications.channel.teamNotFound');
      return auditedCreate(db, ctx, {
        entity: 'notificationChannel',
        create: (tx) =>
          repo.insertChannel(tx, {
            kind: body.kind,
            name: body.name,
            teamId,
            config,
            kinds,
            active: body.active ?? true,
            secretEncrypted: body.secret ? sealSecret(deps.delivery.secretKey, body.secret) : null,
          }),
        load: loadChannel,
      });
    },

    async updateChannel(
      ctx: RequestContext,
      id: string,
      body: UpdateNotificationChannel,
    ): Promise<NotificationChannel> {
      assertChannelAdmin(ctx);
      const current = await loadChannel(db, id);
      if (!current) throw notFound();
      const kinds = body.kinds ? checkKinds('body.kinds', body.kinds) : undefined;
      const config = body.config ? checkConfig(current.kind, body.config) : undefined;
      if (current.kind === 'wecom' && body.secret)
        throw fieldError('body.secret', 'notifications.channel.secretOnlyDingTalk');
      const teamId = current.kind === 'smtp' ? undefined : body.teamId;
      if (teamId && !(await repo.teamExists(db, teamId)))
        throw fieldError('body.teamId', 'notifications.channel.teamNotFound');
      return auditedChange(db, ctx, {
        entity: 'notificationChannel',
        id,
        load: (tx) => loadChannel(tx, id),
        write: (tx) =>
          updateVersioned(tx, s.notificationChannels, id, body.version, {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(teamId !== undefined ? { teamId } : {}),
            ...(config ? { config } : {}),
            ...(kinds ? { kinds } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            ...(body.secret !== undefined
              ? { secretEncrypted: body.secret ? sealSecret(deps.delivery.secretKey, body.secret) : null }
              : {}),
          }),
      });
    },

    /** 测试发送: sends a test message over the channel now (to the caller's e-mail for SMTP). */
    async testChannel(ctx: RequestContext, id: string): Promise<ChannelTestResult> {
      assertChannelAdmin(ctx);
      const channel = await loadChannel(db, id);
      if (!channel) throw notFound();
      const sealed = await repo.getChannelSecret(db, id);
      const email = await repo.getUserEmail(db, ctx.actor.id);
      // an SMTP test goes to the caller, or to the sender itself when the caller has no e-mail
      const target = channel.kind === 'smtp' ? (email ?? channel.config.from ?? '') : channel.name;
      try {
        await sendOutbound(
          {
            kind: channel.kind,
            config: channel.config,
            secret: sealed ? openSecret(deps.delivery.secretKey, sealed) : null,
          },
          {
            title: ruleMessage(ctx.locale, 'notifications.test.subject') ?? 'test',
            text: ruleMessage(ctx.locale, 'notifications.test.body') ?? 'test',
            target,
          },
        );
        return { ok: true, error: null };
      } catch (err) {
        return { ok: false, error: (err instanceof Error ? err.message : String(err)).slice(0, 500) };
      }
    },

    async findDeliveries(
      ctx: RequestContext,
      q: DeliveryListQuery,
    ): Promise<ListResponse<NotificationDelivery> & { figures: DeliveryFigures }> {
      if (ctx.actor.role !== 'admin' && ctx.actor.role !== 'compliance')
        throw forbidden('notifications.deliveries.forbidden');
      const { items, total } = await findDeliveries(db, q);
      return { items, total, page: q.page, pageSize: q.pageSize, figures: await deliveryFigures(db) };
    },

    /** Runs the rules for today and one delivery pass, now (admin). */
    async runNow(ctx: RequestContext): Promise<NotificationRun> {
      if (ctx.actor.role !== 'admin') throw forbidden('notifications.run.adminOnly');
      const at = now();
      const rules = await runNotificationRules(db, chinaDate(at), at);
      const deliveries = await runDeliveries(db, at, deps.delivery);
      return { rules, deliveries };
    },
  };
}

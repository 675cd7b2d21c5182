import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  channelTestResultSchema,
  createNotificationChannelSchema,
  deliveryListQuerySchema,
  deliveryListResponseSchema,
  idParamsSchema,
  listResponseSchema,
  notificationChannelSchema,
  notificationListQuerySchema,
  notificationRunSchema,
  notificationSchema,
  notificationSettingsSchema,
  readAllResultSchema,
  unreadCountSchema,
  updateNotificationChannelSchema,
  updateNotificationSettingsSchema,
} from '@keqing/shared';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createNotificationsService } from './notifications.service.ts';
import { startNotificationScheduler, type JobLogger } from './scheduler.ts';

const tags = ['notifications'];

/** 通知: the notification centre, settings, outbound channels and deliveries; runs the schedule when configured. */
export function notificationsRoutes(deps: {
  db: Db;
  now?: () => Date;
  config?: Pick<Config, 'secretKey' | 'secretKeyIsDefault' | 'notificationScheduler' | 'env'>;
  logger?: JobLogger & { warn(msg: string): void };
}) {
  const config = deps.config;
  const delivery = { secretKey: config?.secretKey ?? Buffer.alloc(32) };
  const service = createNotificationsService({ db: deps.db, now: deps.now, delivery });
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const logger = deps.logger ?? app.log;
    if (config?.secretKeyIsDefault && config.env === 'production')
      logger.warn('KEQING_SECRET_KEY is not set: stored notification secrets use the development key');
    if (config?.notificationScheduler) {
      let stop: (() => Promise<void>) | null = null;
      app.addHook('onReady', async () => {
        stop = startNotificationScheduler(deps.db, delivery, logger);
      });
      app.addHook('onClose', async () => {
        await stop?.();
      });
    }

    // ── the notification centre (own only) ──
    r.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: '通知 The caller’s notifications, newest first, with the text in the request language',
          querystring: notificationListQuerySchema,
          response: { 200: listResponseSchema(notificationSchema) },
        },
      },
      async (request) => service.findNotifications(contextOf(request), request.query),
    );
    r.get(
      '/api/notifications/unread-count',
      {
        schema: {
          tags,
          summary: 'Unread notifications of the caller (the header badge)',
          response: { 200: unreadCountSchema },
        },
      },
      async (request) => service.unreadCount(contextOf(request)),
    );
    r.post(
      '/api/notifications/:id/read',
      {
        config: { complianceMayWrite: true },
        schema: {
          tags,
          summary: 'Mark one of the caller’s notifications read',
          params: idParamsSchema,
          response: { 200: notificationSchema },
        },
      },
      async (request) => service.markRead(contextOf(request), request.params.id),
    );
    r.post(
      '/api/notifications/read-all',
      {
        config: { complianceMayWrite: true },
        schema: {
          tags,
          summary: 'Mark all the caller’s notifications read',
          response: { 200: readAllResultSchema },
        },
      },
      async (request) => service.markAllRead(contextOf(request)),
    );

    // ── personal settings ──
    r.get(
      '/api/notification-settings',
      {
        schema: {
          tags,
          summary: 'The caller’s notification settings',
          response: { 200: notificationSettingsSchema },
        },
      },
      async (request) => service.getSettings(contextOf(request)),
    );
    r.put(
      '/api/notification-settings',
      {
        config: { complianceMayWrite: true },
        schema: {
          tags,
          summary: 'Kinds off, e-mail kinds, quiet hours 免打扰 (HH:MM), reminder days',
          body: updateNotificationSettingsSchema,
          response: { 200: notificationSettingsSchema },
        },
      },
      async (request) => service.updateSettings(contextOf(request), request.body),
    );

    // ── outbound channels (admin) ──
    r.get(
      '/api/notification-channels',
      {
        schema: {
          tags,
          summary: 'SMTP and group robots (admin); secrets never returned',
          response: { 200: z.object({ items: z.array(notificationChannelSchema) }) },
        },
      },
      async (request) => service.findChannels(contextOf(request)),
    );
    r.post(
      '/api/notification-channels',
      {
        schema: {
          tags,
          summary: 'A new SMTP server or WeCom / DingTalk robot (admin)',
          body: createNotificationChannelSchema,
          response: { 201: notificationChannelSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createChannel(contextOf(request), request.body)),
    );
    r.patch(
      '/api/notification-channels/:id',
      {
        schema: {
          tags,
          summary: 'Change a channel (admin, versioned); secret: string sets, null clears, absent keeps',
          params: idParamsSchema,
          body: updateNotificationChannelSchema,
          response: { 200: notificationChannelSchema },
        },
      },
      async (request) => service.updateChannel(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/notification-channels/:id/test',
      {
        schema: {
          tags,
          summary: 'Send a test message over the channel now (admin)',
          params: idParamsSchema,
          response: { 200: channelTestResultSchema },
        },
      },
      async (request) => service.testChannel(contextOf(request), request.params.id),
    );

    // ── deliveries and the manual run ──
    r.get(
      '/api/notification-deliveries',
      {
        schema: {
          tags,
          summary: 'Outbound deliveries with their status figures (admin, compliance)',
          querystring: deliveryListQuerySchema,
          response: { 200: deliveryListResponseSchema },
        },
      },
      async (request) => service.findDeliveries(contextOf(request), request.query),
    );
    r.post(
      '/api/notifications/run',
      {
        schema: {
          tags,
          summary: 'Run the notification rules and one delivery pass now (admin)',
          response: { 200: notificationRunSchema },
        },
      },
      async (request) => service.runNow(contextOf(request)),
    );
  };
}

/**
 * API contract of 通知 notifications: the in-app notification centre, each user's settings (kinds, e-mail kinds,
 * quiet hours 免打扰, the below-frequency reminder day), outbound channels (SMTP, 企业微信/钉钉 group robots) and
 * their deliveries.
 */
import { z } from 'zod';
import { listQuerySchema, versionSchema, booleanQuery } from './common.ts';

/**
 * 通知 kinds. followUpDue 跟进到期 · belowFrequency 拜访频率不足 (before the cycle/month ends) · careDate 关怀日期 ·
 * approvalWaiting 待审批 · reportComment 日报批注 · channelWarning 渠道预警 · pipelineStalled 进药停滞 · handover 交接.
 */
export const notificationKinds = [
  'followUpDue',
  'belowFrequency',
  'careDate',
  'approvalWaiting',
  'reportComment',
  'channelWarning',
  'pipelineStalled',
  'handover',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindSchema = z.enum(notificationKinds);

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (notificationKinds as readonly string[]).includes(kind);
}

// ── the notification centre ─────────────────────────────────────────────────

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  sourceKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The message rendered in the reader's language */
  text: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = listQuerySchema.extend({
  unread: booleanQuery.optional(),
  kind: notificationKindSchema.optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const unreadCountSchema = z.object({ count: z.number().int() });
export const readAllResultSchema = z.object({ updated: z.number().int() });

// ── settings ────────────────────────────────────────────────────────────────

/** 'HH:MM' (China time) */
export const quietTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'HH:MM' });

export const notificationSettingsSchema = z.object({
  disabledKinds: z.array(notificationKindSchema),
  emailKinds: z.array(notificationKindSchema),
  quietStart: z.string().nullable(),
  quietEnd: z.string().nullable(),
  frequencyReminderDays: z.number().int(),
  /** null until the user saved once */
  version: z.number().int().nullable(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** Kinds arrive as plain strings so an unknown one gets the module's own Chinese message. */
export const updateNotificationSettingsSchema = z.object({
  disabledKinds: z.array(z.string().max(40)).max(20),
  emailKinds: z.array(z.string().max(40)).max(20),
  quietStart: quietTimeSchema.nullable(),
  quietEnd: quietTimeSchema.nullable(),
  frequencyReminderDays: z.number().int().min(0).max(20),
  version: versionSchema.nullable().optional(),
});
export type UpdateNotificationSettings = z.infer<typeof updateNotificationSettingsSchema>;

// ── outbound channels ───────────────────────────────────────────────────────

export const notificationChannelKinds = ['smtp', 'wecom', 'dingtalk'] as const;
export type NotificationChannelKind = (typeof notificationChannelKinds)[number];

/** smtp: host, port, secure, username?, from; robots: url. The password / signing secret travels separately. */
export const channelConfigSchema = z.object({
  host: z.string().trim().max(200).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  username: z.string().trim().max(200).optional(),
  from: z.string().trim().max(200).optional(),
  url: z.string().trim().max(1000).optional(),
});
export type ChannelConfig = z.infer<typeof channelConfigSchema>;

export const notificationChannelSchema = z.object({
  id: z.uuid(),
  kind: z.enum(notificationChannelKinds),
  name: z.string(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  config: channelConfigSchema,
  kinds: z.array(notificationKindSchema),
  active: z.boolean(),
  /** Whether a password / signing secret is stored; the secret itself is never returned */
  hasSecret: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

export const createNotificationChannelSchema = z.object({
  kind: z.enum(notificationChannelKinds),
  name: z.string().trim().min(1).max(100),
  teamId: z.uuid().nullable().optional(),
  config: channelConfigSchema,
  /** SMTP password or DingTalk signing secret (SEC…); write-only */
  secret: z.string().max(500).nullable().optional(),
  kinds: z.array(z.string().max(40)).max(20),
  active: z.boolean().optional(),
});
export type CreateNotificationChannel = z.infer<typeof createNotificationChannelSchema>;

/** `secret`: a string replaces it, null removes it, absent keeps it. */
export const updateNotificationChannelSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  teamId: z.uuid().nullable().optional(),
  config: channelConfigSchema.optional(),
  secret: z.string().max(500).nullable().optional(),
  kinds: z.array(z.string().max(40)).max(20).optional(),
  active: z.boolean().optional(),
  version: versionSchema,
});
export type UpdateNotificationChannel = z.infer<typeof updateNotificationChannelSchema>;

export const channelTestResultSchema = z.object({ ok: z.boolean(), error: z.string().nullable() });
export type ChannelTestResult = z.infer<typeof channelTestResultSchema>;

// ── deliveries ──────────────────────────────────────────────────────────────

export const deliveryStatuses = ['pending', 'sending', 'sent', 'retrying', 'failed', 'uncertain'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const notificationDeliverySchema = z.object({
  id: z.uuid(),
  notificationId: z.uuid(),
  notificationKind: z.string(),
  userName: z.string(),
  channelId: z.uuid(),
  channelName: z.string(),
  channelKind: z.enum(notificationChannelKinds),
  target: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationDelivery = z.infer<typeof notificationDeliverySchema>;

export const deliveryListQuerySchema = listQuerySchema.extend({
  status: z.enum(deliveryStatuses).optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;

export const deliveryFiguresSchema = z.object(
  Object.fromEntries(deliveryStatuses.map((s) => [s, z.number().int()])) as Record<
    DeliveryStatus,
    z.ZodNumber
  >,
);
export type DeliveryFigures = z.infer<typeof deliveryFiguresSchema>;

export const deliveryListResponseSchema = z.object({
  items: z.array(notificationDeliverySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  figures: deliveryFiguresSchema,
});

/** One worker pass: how many deliveries went out, will retry, failed for good, or were left uncertain by a crash */
export const deliveryRunSchema = z.object({
  sent: z.number().int(),
  retried: z.number().int(),
  failed: z.number().int(),
  uncertain: z.number().int(),
});
export type DeliveryRun = z.infer<typeof deliveryRunSchema>;

export const notificationRunSchema = z.object({
  /** New notifications per rule */
  rules: z.record(z.string(), z.number().int()),
  deliveries: deliveryRunSchema,
});
export type NotificationRun = z.infer<typeof notificationRunSchema>;

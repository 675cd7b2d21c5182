/**
 * API contract of the channel early-warning board 渠道预警: channel settings (thresholds), warnings with the
 * rows behind them, 冲货/低价倾销 incidents, promises to distributors, and the distributor health score.
 */
import { z } from 'zod';
import {
  channelWarningKinds,
  defaultChannelSettings,
  type ChannelSettings,
  type ChannelWarningKind,
} from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';
import { fenSchema } from './care.ts';

export {
  channelWarningKinds,
  channelWarningUnits,
  defaultChannelSettings,
  healthWeights,
  healthDeclinePoints,
} from '@keqing/domain';
export type { ChannelSettings, ChannelWarningKind, ChannelWarningUnit, HealthPart } from '@keqing/domain';

const days = (max: number) => z.number().int().min(1).max(max);
const pct = z.number().min(0).max(1000);

/** PUT /api/channel-settings (admin) — the whole settings object; a new version is stored. */
export const channelSettingsSchema = z.object({
  stockOutDays: days(365),
  overStockDays: days(3650),
  sellThroughWindowDays: days(365),
  neglectDays: days(365),
  licenceWarnDays: days(365),
  marginGapPoints: z.number().min(0).max(100),
  scarcityMarkupPct: pct,
  volumeDropPct: z.number().min(1).max(100),
  sellInOverSellThroughRatio: z.number().min(1).max(100),
  returnRatePct: z.number().min(0).max(100),
  reconcileDays: days(366),
  overdueGraceDays: z.number().int().min(0).max(365),
  terminalVisitDays: z.object({ key: days(365), secondary: days(365), other: days(365) }),
}) satisfies z.ZodType<ChannelSettings>;

/** Settings saved by an older release may lack a newer field: the defaults fill it in. */
export const parseChannelSettings = (stored: unknown): ChannelSettings =>
  channelSettingsSchema.parse({ ...defaultChannelSettings, ...(stored as object) });

const kindSchema = z.enum(channelWarningKinds as unknown as [ChannelWarningKind, ...ChannelWarningKind[]]);
export const channelWarningStatuses = ['open', 'acknowledged', 'resolved'] as const;
const warningStatusSchema = z.enum(channelWarningStatuses);

export const channelWarningSchema = z.object({
  id: z.uuid(),
  kind: kindSchema,
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  subjectKey: z.string(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  figure: z.number().nullable(),
  threshold: z.number().nullable(),
  detail: z.record(z.string(), z.unknown()),
  status: warningStatusSchema,
  raisedOn: z.string(),
  lastSeenOn: z.string(),
  acknowledgedBy: z.uuid().nullable(),
  acknowledgedByName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgeNote: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  version: z.number().int(),
});
export type ChannelWarning = z.infer<typeof channelWarningSchema>;

/** One traced flow row of a warning (窜货, volume): buyer, hospital, date, quantity — never a doctor. */
export const tracedFlowRowSchema = z.object({
  id: z.uuid(),
  importId: z.uuid(),
  rowNo: z.number().int(),
  saleDate: z.string(),
  productName: z.string(),
  buyerName: z.string(),
  hospitalId: z.uuid().nullable(),
  hospitalName: z.string().nullable(),
  hospitalCity: z.string().nullable(),
  buyerCustomerId: z.uuid().nullable(),
  buyerCustomerName: z.string().nullable(),
  quantity: z.number().int(),
});

/** GET /api/channel-warnings/:id — the warning with the rows behind it resolved to names. */
export const channelWarningDetailSchema = channelWarningSchema.extend({
  trace: z.object({
    flowRows: z.array(tracedFlowRowSchema),
    hospital: z.object({ id: z.uuid(), name: z.string(), city: z.string() }).nullable(),
    buyerCustomer: z.object({ id: z.uuid(), name: z.string(), city: z.string() }).nullable(),
    stockReport: z.object({ id: z.uuid(), reportedOn: z.string(), quantity: z.number().int() }).nullable(),
    priceReport: z
      .object({ id: z.uuid(), reportedOn: z.string(), level: z.string(), priceFen: z.number().int() })
      .nullable(),
    licence: z
      .object({ id: z.uuid(), kind: z.string(), number: z.string(), validUntil: z.string().nullable() })
      .nullable(),
    promise: z
      .object({ id: z.uuid(), promise: z.string(), dueOn: z.string(), ownerName: z.string() })
      .nullable(),
  }),
});
export type ChannelWarningDetail = z.infer<typeof channelWarningDetailSchema>;

export const channelWarningListQuerySchema = listQuerySchema.extend({
  status: warningStatusSchema.optional(),
  kind: kindSchema.optional(),
  channelCustomerId: z.uuid().optional(),
  productId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
});

export const acknowledgeWarningSchema = z.object({
  note: z.string().trim().min(1).max(1000),
});

export const evaluateWarningsSchema = z.object({
  /** One distributor; omitted = all in the caller's scope */
  channelCustomerId: z.uuid().optional(),
  asOf: isoDate.optional(),
});
export const evaluateWarningsResultSchema = z.object({
  evaluated: z.number().int(),
  raised: z.number().int(),
  updated: z.number().int(),
  resolved: z.number().int(),
});
export type EvaluateWarningsResult = z.infer<typeof evaluateWarningsResultSchema>;

export const channelWarningSummarySchema = z.object({
  open: z.number().int(),
  acknowledged: z.number().int(),
  byKind: z.array(z.object({ kind: kindSchema, open: z.number().int(), acknowledged: z.number().int() })),
  byCustomer: z.array(
    z.object({
      channelCustomerId: z.uuid(),
      channelCustomerName: z.string(),
      open: z.number().int(),
      acknowledged: z.number().int(),
    }),
  ),
});
export type ChannelWarningSummary = z.infer<typeof channelWarningSummarySchema>;

// ── 冲货/低价倾销 incidents ──────────────────────────────────────────────────

export const channelIncidentSchema = z.object({
  id: z.uuid(),
  sourceCustomerId: z.uuid().nullable(),
  sourceCustomerName: z.string().nullable(),
  sourceRegion: z.string(),
  productId: z.uuid(),
  productName: z.string(),
  priceFen: z.number().int().nullable(),
  affectedTerritoryId: z.uuid().nullable(),
  affectedTerritoryName: z.string().nullable(),
  affectedCustomerId: z.uuid().nullable(),
  affectedCustomerName: z.string().nullable(),
  description: z.string(),
  openedOn: z.string(),
  resolvedOn: z.string().nullable(),
  lossClaimedFen: z.number().int().nullable(),
  compensatedFen: z.number().int().nullable(),
  createdBy: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelIncident = z.infer<typeof channelIncidentSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const createChannelIncidentSchema = z.object({
  sourceCustomerId: z.uuid().nullable().optional(),
  sourceRegion: z.string().trim().min(1).max(100),
  productId: z.uuid(),
  priceFen: fenSchema.nullable().optional(),
  affectedTerritoryId: z.uuid().nullable().optional(),
  affectedCustomerId: z.uuid().nullable().optional(),
  description: z.string().trim().min(1).max(2000),
  openedOn: isoDate,
  resolvedOn: isoDate.nullable().optional(),
  lossClaimedFen: fenSchema.nullable().optional(),
  compensatedFen: fenSchema.nullable().optional(),
});

export const updateChannelIncidentSchema = z.object({
  version: versionSchema,
  sourceRegion: z.string().trim().min(1).max(100).optional(),
  priceFen: fenSchema.nullable().optional(),
  description: z.string().trim().min(1).max(2000).optional(),
  resolvedOn: isoDate.nullable().optional(),
  lossClaimedFen: fenSchema.nullable().optional(),
  compensatedFen: fenSchema.nullable().optional(),
});

export const channelIncidentListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  productId: z.uuid().optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// ── Promises 承诺 ─────────────────────────────────────────────────────────────

export const channelPromiseStatuses = ['open', 'kept', 'broken'] as const;
export const channelPromiseSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  promise: z.string(),
  madeOn: z.string(),
  dueOn: z.string(),
  status: z.enum(channelPromiseStatuses),
  /** Open and past its due date */
  overdue: z.boolean(),
  closedOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelPromise = z.infer<typeof channelPromiseSchema>;

export const createChannelPromiseSchema = z.object({
  channelCustomerId: z.uuid(),
  promise: z.string().trim().min(1).max(1000),
  madeOn: isoDate,
  dueOn: isoDate,
  note: optionalText(1000),
});

/** PATCH /api/channel-promises/:id — mark kept or broken (with a note), or move the due date while open. */
export const updateChannelPromiseSchema = z.object({
  version: versionSchema,
  status: z.enum(channelPromiseStatuses).optional(),
  dueOn: isoDate.optional(),
  note: optionalText(1000),
});

export const channelPromiseListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  status: z.enum(channelPromiseStatuses).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// ── Health 健康度 ─────────────────────────────────────────────────────────────

export const channelHealthPointSchema = z.object({
  month: z.string(),
  score: z.number().int(),
  components: z.record(z.string(), z.unknown()),
});
export const channelHealthTrendSchema = z.object({
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  points: z.array(channelHealthPointSchema),
});
export type ChannelHealthTrend = z.infer<typeof channelHealthTrendSchema>;

export const channelHealthQuerySchema = z.object({ channelCustomerId: z.uuid() });

export const channelHealthLatestSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  month: z.string(),
  score: z.number().int(),
  /** The score three months before (null: none stored) */
  earlierScore: z.number().int().nullable(),
  change: z.number().int().nullable(),
  trend: z.enum(['declining', 'improving', 'steady']).nullable(),
});
export type ChannelHealthLatest = z.infer<typeof channelHealthLatestSchema>;

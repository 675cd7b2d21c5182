/**
 * API contract of targets 指标 (seed 004 指标分配, 销售预测): team quotas set by the admin, rep quotas allocated by
 * the team's manager in a grid (with the allocation factors beside each cell), the rep's forecast and goal per
 * product and month with the four guided steps, manual actual sales where no flow 流向 data exists, and attainment.
 * Quantities are integer units (盒/支); months YYYY-MM.
 */
import { z } from 'zod';
import { versionSchema } from './common.ts';
import { monthSchema } from './segmentation.ts';

const units = z.number().int().min(0).max(100_000_000);
const note = z.string().trim().max(500);

/** 指标细分到目标客户: one hospital or one channel customer of the rep's territories. */
export const quotaCustomerSchema = z
  .object({
    hospitalId: z.uuid().optional(),
    channelCustomerId: z.uuid().optional(),
    quantity: units,
    note: note.optional(),
  })
  .refine((c) => Boolean(c.hospitalId) !== Boolean(c.channelCustomerId), {
    message: '请选择一家医院或一个渠道客户（只能选一个）',
  });
export type QuotaCustomer = z.infer<typeof quotaCustomerSchema>;

/** Step 3, 找出可以提高的地方: a hospital, channel customer or doctor in the rep's scope. */
export const forecastAdditionSchema = z
  .object({
    hospitalId: z.uuid().optional(),
    channelCustomerId: z.uuid().optional(),
    doctorId: z.uuid().optional(),
    quantity: units,
    note: note.optional(),
  })
  .refine((a) => [a.hospitalId, a.channelCustomerId, a.doctorId].filter(Boolean).length === 1, {
    message: '请选择一家医院、一个渠道客户或一位医生（只能选一个）',
  });
export type ForecastAddition = z.infer<typeof forecastAdditionSchema>;

// ── team quotas 团队指标 ─────────────────────────────────────────────────────

export const teamQuotaQuerySchema = z.object({
  teamId: z.uuid().optional(),
  month: monthSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const teamQuotaSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  teamName: z.string(),
  month: monthSchema,
  productId: z.uuid(),
  productName: z.string(),
  quantity: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TeamQuota = z.infer<typeof teamQuotaSchema>;
/** Upsert on team × month × product; `version` is required to change an existing quota. */
export const upsertTeamQuotaSchema = z.object({
  teamId: z.uuid(),
  month: monthSchema,
  productId: z.uuid(),
  quantity: units,
  version: versionSchema.optional(),
});
export type UpsertTeamQuota = z.infer<typeof upsertTeamQuotaSchema>;

// ── allocation grid 指标分配 ─────────────────────────────────────────────────

export const quotaGridQuerySchema = z.object({ teamId: z.uuid(), month: monthSchema });

/** The factors of seed 004 beside a cell (考虑客户潜力、现有用量、竞争对手投入). */
export const allocationFactorsSchema = z.object({
  /** The rep's target doctors with high prescription potential for the product */
  highPotentialDoctors: z.number().int(),
  /** Σ prescription potential of those doctors */
  potentialSum: z.number().int(),
  /** Actual units of the 3 months before the grid's month */
  recentUnits: z.number().int(),
  /** The rep's doctors whose prescription status for the product is negative (using a competitor) */
  competitorDoctors: z.number().int(),
});
export type AllocationFactorsView = z.infer<typeof allocationFactorsSchema>;

export const quotaCellSchema = z.object({
  repId: z.uuid(),
  productId: z.uuid(),
  /** The saved rep quota, null while none */
  quota: z
    .object({
      id: z.uuid(),
      quantity: z.number().int(),
      version: z.number().int(),
      customers: z.array(quotaCustomerSchema),
    })
    .nullable(),
  factors: allocationFactorsSchema,
  /** Suggested units (sums to the team quota over the reps); null without a team quota */
  suggested: z.number().int().nullable(),
  /** The rep's own goal for the month, to compare with the quota */
  goal: z.number().int().nullable(),
});
export type QuotaCell = z.infer<typeof quotaCellSchema>;

export const allocationWarningSchema = z.object({
  kind: z.enum(['overAllocated', 'underAllocated', 'goalBelowQuota']),
  productId: z.uuid(),
  productName: z.string(),
  repId: z.uuid().optional(),
  teamQuota: z.number().int().optional(),
  allocated: z.number().int().optional(),
  message: z.string(),
});
export type AllocationWarningView = z.infer<typeof allocationWarningSchema>;

export const quotaGridSchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  month: monthSchema,
  reps: z.array(z.object({ id: z.uuid(), username: z.string(), name: z.string() })),
  products: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      teamQuota: z.object({ id: z.uuid(), quantity: z.number().int(), version: z.number().int() }).nullable(),
      allocated: z.number().int(),
      /** team quota − allocated (negative: over-allocated); null without a team quota */
      unallocated: z.number().int().nullable(),
    }),
  ),
  cells: z.array(quotaCellSchema),
  warnings: z.array(allocationWarningSchema),
});
export type QuotaGrid = z.infer<typeof quotaGridSchema>;

/** Changed cells only; `version` of the saved quota when there is one (409 when stale). */
export const saveQuotaGridSchema = z.object({
  teamId: z.uuid(),
  month: monthSchema,
  cells: z
    .array(
      z.object({
        repId: z.uuid(),
        productId: z.uuid(),
        quantity: units,
        version: versionSchema.optional(),
        customers: z.array(quotaCustomerSchema).max(200).optional(),
      }),
    )
    .min(1)
    .max(2000),
});
export type SaveQuotaGrid = z.infer<typeof saveQuotaGridSchema>;

// ── forecasts 销售预测 ───────────────────────────────────────────────────────

export const salesForecastQuerySchema = z.object({
  repId: z.uuid().optional(),
  month: monthSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const salesForecastSchema = z.object({
  id: z.uuid(),
  repId: z.uuid(),
  repName: z.string(),
  month: monthSchema,
  productId: z.uuid(),
  productName: z.string(),
  forecastQuantity: z.number().int(),
  goalQuantity: z.number().int().nullable(),
  additions: z.array(forecastAdditionSchema),
  promotionPlan: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SalesForecast = z.infer<typeof salesForecastSchema>;

/** The guided form saves every product of the month at once (upsert on rep × month × product). */
export const upsertSalesForecastsSchema = z.object({
  month: monthSchema,
  items: z
    .array(
      z.object({
        productId: z.uuid(),
        forecastQuantity: units,
        goalQuantity: units.nullable().optional(),
        additions: z.array(forecastAdditionSchema).max(100).default([]),
        promotionPlan: z.string().trim().max(2000).nullable().optional(),
        version: versionSchema.optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type UpsertSalesForecasts = z.infer<typeof upsertSalesForecastsSchema>;

export const forecastSummaryQuerySchema = z.object({ month: monthSchema, repId: z.uuid().optional() });
export const forecastWarningKinds = ['forecastBelowQuota', 'goalBelowQuota'] as const;
export const forecastSummarySchema = z.object({
  repId: z.uuid(),
  repName: z.string(),
  month: monthSchema,
  /** The month is the current one or later (a forecast may be saved) */
  editable: z.boolean(),
  rows: z.array(
    z.object({
      productId: z.uuid(),
      productName: z.string(),
      quota: z.number().int(),
      forecast: z.number().int().nullable(),
      goal: z.number().int().nullable(),
      /** forecast − quota */
      gap: z.number().int().nullable(),
      gapPct: z.number().nullable(),
      additionsTotal: z.number().int(),
      forecastId: z.uuid().nullable(),
      version: z.number().int().nullable(),
      warnings: z.array(z.enum(forecastWarningKinds)),
    }),
  ),
  totals: z.object({
    quota: z.number().int(),
    forecast: z.number().int(),
    goal: z.number().int(),
    gap: z.number().int(),
    gapPct: z.number().nullable(),
    additionsTotal: z.number().int(),
  }),
  warnings: z.array(
    z.object({
      kind: z.enum(forecastWarningKinds),
      productId: z.uuid(),
      productName: z.string(),
      gap: z.number().int(),
      message: z.string(),
    }),
  ),
});
export type ForecastSummary = z.infer<typeof forecastSummarySchema>;

// ── manual sales 手工实际销量 ─────────────────────────────────────────────────

export const manualSaleQuerySchema = z.object({
  repId: z.uuid().optional(),
  month: monthSchema.optional(),
  productId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const manualSaleSchema = z.object({
  id: z.uuid(),
  repId: z.uuid(),
  repName: z.string(),
  month: monthSchema,
  productId: z.uuid(),
  productName: z.string(),
  quantity: z.number().int(),
  note: z.string().nullable(),
  enteredBy: z.uuid(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ManualSale = z.infer<typeof manualSaleSchema>;
/** Upsert on rep × month × product; a rep for themself, a manager for a rep of their team. */
export const upsertManualSaleSchema = z.object({
  repId: z.uuid().optional(),
  month: monthSchema,
  productId: z.uuid(),
  quantity: units,
  note: note.nullable().optional(),
  version: versionSchema.optional(),
});
export type UpsertManualSale = z.infer<typeof upsertManualSaleSchema>;

// ── attainment 达成率 ────────────────────────────────────────────────────────

export const attainmentGroupings = ['rep', 'product', 'month'] as const;
export const salesAttainmentQuerySchema = z
  .object({
    fromMonth: monthSchema,
    toMonth: monthSchema,
    repId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    productId: z.uuid().optional(),
    groupBy: z.enum(attainmentGroupings).default('rep'),
  })
  .refine((q) => q.toMonth >= q.fromMonth, { message: '结束月份不能早于开始月份', path: ['toMonth'] })
  .refine((q) => !(q.repId && q.teamId), { message: '代表和团队只能选一个', path: ['teamId'] });
export type SalesAttainmentQuery = z.infer<typeof salesAttainmentQuerySchema>;

/** flow 流向 | manual 手工 | mixed (some months/products each) | none (no actual yet) */
export const attainmentSources = ['flow', 'manual', 'mixed', 'none'] as const;
export const salesAttainmentRowSchema = z.object({
  /** repId, productId or month, by `groupBy` */
  key: z.string(),
  label: z.string(),
  quota: z.number().int(),
  actual: z.number().int(),
  /** actual / quota, % one decimal; null when the quota is 0 */
  attainmentPct: z.number().nullable(),
  source: z.enum(attainmentSources),
});
export type SalesAttainmentRow = z.infer<typeof salesAttainmentRowSchema>;
export const salesAttainmentSchema = z.object({
  groupBy: z.enum(attainmentGroupings),
  fromMonth: monthSchema,
  toMonth: monthSchema,
  rows: z.array(salesAttainmentRowSchema),
  total: salesAttainmentRowSchema,
});
export type SalesAttainment = z.infer<typeof salesAttainmentSchema>;

/**
 * API contract of channel money: the receivables ledger 业务帐 (payments 回款, adjustments), receivables with ageing,
 * reconciliation 对账, bills 票据, risk events 风险信号 and channel promotions 促销 (never for doctors).
 */
import { z } from 'zod';
import {
  ageingBucketKeys,
  ledgerEntryKinds,
  payoutForms,
  promotionKinds,
  promotionStatuses,
  promotionTargetKinds,
  riskEventKinds,
  riskLevels,
  type RiskLevel,
} from '@keqing/domain';
import { booleanQuery, isoDate, listQuerySchema, versionSchema } from './common.ts';

export {
  ageingBucketKeys,
  ledgerEntryKinds,
  payoutForms,
  promotionKinds,
  promotionStatuses,
  promotionTargetKinds,
  riskEventKinds,
  riskLevels,
} from '@keqing/domain';
export type {
  AgeingBucketKey,
  LedgerEntryKind,
  PayoutForm,
  PromotionKind,
  PromotionStatus,
  PromotionTargetKind,
  ReconciliationState,
  RiskEventKind,
  RiskLevel,
} from '@keqing/domain';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** Money in a ledger: integer fen up to ¥1,000,000,000 (a distributor's payment can be large). */
const maxLedgerFen = 100_000_000_000;
/** A positive amount in integer fen (a third decimal of ¥ is never rounded: the web refuses it). */
export const positiveFenSchema = z.number().int().min(1).max(maxLedgerFen);
const signedFenSchema = z.number().int().min(-maxLedgerFen).max(maxLedgerFen);

const riskLevelSchema = z.enum(riskLevels as unknown as [RiskLevel, ...RiskLevel[]]);
const reconciliationStateSchema = z.enum(['ok', 'due', 'overdue']);

// ── Ledger 业务帐 ───────────────────────────────────────────────────────────

export const ledgerEntrySchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  entryDate: z.string(),
  kind: z.enum(ledgerEntryKinds),
  /** Signed: + owes more, − owes less */
  amountFen: z.number().int(),
  dueDate: z.string().nullable(),
  shipmentId: z.uuid().nullable(),
  billId: z.uuid().nullable(),
  clientId: z.uuid().nullable(),
  note: z.string().nullable(),
  /** Running balance after this entry (all the customer's entries up to it, by date) */
  balanceFen: z.number().int(),
  createdBy: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerEntryListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/**
 * POST /api/ledger-entries — a payment 回款 (amount entered > 0, stored negative; a retry with the same clientId
 * returns the same entry) or an adjustment (signed, reason required; managers and admins only).
 */
export const createLedgerEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('payment'),
    channelCustomerId: z.uuid(),
    entryDate: isoDate,
    amountFen: positiveFenSchema,
    clientId: z.uuid().nullable().optional(),
    note: optionalText(500),
  }),
  z.object({
    kind: z.literal('adjustment'),
    channelCustomerId: z.uuid(),
    entryDate: isoDate,
    amountFen: signedFenSchema.refine((v) => v !== 0, { params: { i18n: 'channelMoney.adjustment.zero' } }),
    clientId: z.uuid().nullable().optional(),
    /** The reason of the adjustment */
    note: trimmed(500),
  }),
]);

// ── Receivables 应收 ────────────────────────────────────────────────────────

export const ageingBucketsSchema = z.object({
  notDue: z.number().int(),
  d1to30: z.number().int(),
  d31to60: z.number().int(),
  d61to90: z.number().int(),
  d91to180: z.number().int(),
  over180: z.number().int(),
});

export const receivableSchema = z.object({
  /** = channelCustomerId */
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  name: z.string(),
  kind: z.enum(['distributor', 'pharmacy', 'clinic']),
  creditLimitFen: z.number().int().nullable(),
  paymentTermDays: z.number().int().nullable(),
  balanceFen: z.number().int(),
  overLimit: z.boolean(),
  /** Open deliveries past their settlement date (after FIFO allocation of payments and returns) */
  overdueFen: z.number().int(),
  notDueFen: z.number().int(),
  /** Days past the settlement date (not days since delivery) */
  buckets: ageingBucketsSchema,
  lastReconciledOn: z.string().nullable(),
  reconciliationState: reconciliationStateSchema,
  /** Not reconciled for more than a month */
  unreconciled: z.boolean(),
  riskLevel: riskLevelSchema,
});
export type Receivable = z.infer<typeof receivableSchema>;

export const openItemSchema = z.object({
  entryId: z.uuid(),
  entryDate: z.string(),
  dueDate: z.string(),
  originalFen: z.number().int(),
  openFen: z.number().int(),
  daysOverdue: z.number().int(),
  bucket: z.enum(ageingBucketKeys),
});
export const receivableDetailSchema = receivableSchema.extend({
  openItems: z.array(openItemSchema),
  /** Paid in advance: credits no delivery absorbed */
  unallocatedCreditFen: z.number().int(),
});
export type ReceivableDetail = z.infer<typeof receivableDetailSchema>;

export const receivableListQuerySchema = listQuerySchema.extend({
  overLimit: booleanQuery.optional(),
  riskLevel: riskLevelSchema.optional(),
});
export const receivableParamsSchema = z.object({ channelCustomerId: z.uuid() });

// ── Reconciliation 对账 ─────────────────────────────────────────────────────

export const ledgerReconciliationSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  periodEnd: z.string(),
  ourBalanceFen: z.number().int(),
  theirBalanceFen: z.number().int(),
  /** ours − theirs */
  differenceFen: z.number().int(),
  confirmedByName: z.string(),
  note: z.string().nullable(),
  createdBy: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type LedgerReconciliation = z.infer<typeof ledgerReconciliationSchema>;

export const createLedgerReconciliationSchema = z.object({
  channelCustomerId: z.uuid(),
  periodEnd: isoDate,
  theirBalanceFen: signedFenSchema,
  /** Who confirmed on the distributor's side (their 会计) */
  confirmedByName: trimmed(50),
  note: optionalText(500),
});
export const ledgerReconciliationListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
});

// ── Bills 票据 ──────────────────────────────────────────────────────────────

export const channelBillKinds = ['bankAcceptance', 'commercialAcceptance', 'cheque'] as const;
export type ChannelBillKind = (typeof channelBillKinds)[number];
export const channelBillStatuses = [
  'pendingApproval',
  'accepted',
  'rejected',
  'honoured',
  'bounced',
] as const;

export const channelBillSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  kind: z.enum(channelBillKinds),
  billNo: z.string(),
  issuer: z.string(),
  amountFen: z.number().int(),
  receivedOn: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(channelBillStatuses),
  decidedBy: z.uuid().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdBy: z.uuid(),
  createdByName: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelBill = z.infer<typeof channelBillSchema>;

export const createChannelBillSchema = z.object({
  channelCustomerId: z.uuid(),
  kind: z.enum(channelBillKinds),
  billNo: trimmed(50),
  /** 出票人 / 承兑人 */
  issuer: trimmed(100),
  amountFen: positiveFenSchema,
  receivedOn: isoDate,
  dueOn: isoDate.nullable().optional(),
});
export const channelBillDecisionSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  note: optionalText(500),
});
export const channelBillBounceSchema = z.object({
  note: optionalText(500),
});
export const channelBillListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  status: z.enum(channelBillStatuses).optional(),
});

// ── Risk events 风险信号 ────────────────────────────────────────────────────

export const channelRiskEventSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  kind: z.enum(riskEventKinds),
  occurredOn: z.string(),
  severity: z.number().int(),
  note: z.string().nullable(),
  createdBy: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type ChannelRiskEvent = z.infer<typeof channelRiskEventSchema>;

export const createChannelRiskEventSchema = z.object({
  channelCustomerId: z.uuid(),
  kind: z.enum(riskEventKinds),
  occurredOn: isoDate,
  severity: z.number().int().min(1).max(3),
  note: optionalText(1000),
});
export const channelRiskEventListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  kind: z.enum(riskEventKinds).optional(),
});

// ── Promotions 促销 ─────────────────────────────────────────────────────────

export const channelPromotionPayoutSchema = z.object({
  id: z.uuid(),
  promotionId: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  paidOn: z.string(),
  amountFen: z.number().int(),
  form: z.enum(payoutForms),
  note: z.string().nullable(),
  overBudgetApprovedBy: z.uuid().nullable(),
  overBudgetApprovedByName: z.string().nullable(),
  createdBy: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type ChannelPromotionPayout = z.infer<typeof channelPromotionPayoutSchema>;

export const channelPromotionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(promotionKinds),
  targetKinds: z.array(z.enum(promotionTargetKinds)),
  targetCustomerIds: z.array(z.uuid()),
  targetCustomers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  productIds: z.array(z.uuid()),
  productNames: z.array(z.string()),
  rules: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  budgetFen: z.number().int(),
  paidFen: z.number().int(),
  status: z.enum(promotionStatuses),
  ownerId: z.uuid(),
  ownerName: z.string(),
  approvedBy: z.uuid().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelPromotion = z.infer<typeof channelPromotionSchema>;
export const channelPromotionDetailSchema = channelPromotionSchema.extend({
  payouts: z.array(channelPromotionPayoutSchema),
});
export type ChannelPromotionDetail = z.infer<typeof channelPromotionDetailSchema>;

const doctorKeys = ['doctorId', 'doctorIds', 'doctor', 'doctors'] as const;
/**
 * No promotion may target or reward an individual doctor: a doctor field or a 'doctor' target kind is refused
 * with a clear message rather than silently dropped.
 */
const promotionTargetFields = {
  targetKinds: z
    .array(z.string().trim().max(20))
    .min(1)
    .max(3)
    .superRefine((kinds, ctx) => {
      kinds.forEach((k, i) => {
        if ((promotionTargetKinds as readonly string[]).includes(k)) return;
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: k,
          params: {
            i18n: /doctor|医生/i.test(k)
              ? 'channelMoney.promotion.noDoctors'
              : 'channelMoney.promotion.targetKind',
          },
        });
      });
    })
    .transform((kinds) => [...new Set(kinds)] as (typeof promotionTargetKinds)[number][]),
  targetCustomerIds: z.array(z.uuid()).max(500),
  doctorId: z.unknown().optional(),
  doctorIds: z.unknown().optional(),
  doctor: z.unknown().optional(),
  doctors: z.unknown().optional(),
};
const refuseDoctors = (body: Record<string, unknown>, ctx: z.RefinementCtx) => {
  for (const key of doctorKeys)
    if (body[key] !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: key,
        params: { i18n: 'channelMoney.promotion.noDoctors' },
      });
};

export const createChannelPromotionSchema = z
  .object({
    name: trimmed(100),
    kind: z.enum(promotionKinds),
    ...promotionTargetFields,
    targetCustomerIds: promotionTargetFields.targetCustomerIds.default([]),
    productIds: z.array(z.uuid()).min(1).max(50),
    /** 规则: what the customer must do and what they get */
    rules: trimmed(4000),
    startsOn: isoDate,
    endsOn: isoDate,
    budgetFen: z.number().int().min(0).max(maxLedgerFen),
  })
  .superRefine(refuseDoctors);

export const updateChannelPromotionSchema = z
  .object({
    version: versionSchema,
    name: trimmed(100).optional(),
    kind: z.enum(promotionKinds).optional(),
    ...promotionTargetFields,
    targetKinds: promotionTargetFields.targetKinds.optional(),
    targetCustomerIds: promotionTargetFields.targetCustomerIds.optional(),
    productIds: z.array(z.uuid()).min(1).max(50).optional(),
    rules: trimmed(4000).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    budgetFen: z.number().int().min(0).max(maxLedgerFen).optional(),
  })
  .superRefine(refuseDoctors);

export const channelPromotionVersionSchema = z.object({ version: versionSchema });
export const channelPromotionDecisionSchema = z.object({
  version: versionSchema,
  decision: z.enum(['approved', 'rejected']),
  note: optionalText(500),
});

/** POST /api/channel-promotions/:id/payouts — to a channel customer the promotion targets, never to a doctor. */
export const createChannelPromotionPayoutSchema = z
  .object({
    channelCustomerId: z.uuid(),
    paidOn: isoDate,
    amountFen: positiveFenSchema,
    form: z.enum(payoutForms),
    note: optionalText(500),
    /** A manager (of the owner) or admin approves taking the promotion over budget with this payout */
    approveOverBudget: z.boolean().optional(),
    doctorId: z.unknown().optional(),
    doctorIds: z.unknown().optional(),
    doctor: z.unknown().optional(),
    doctors: z.unknown().optional(),
  })
  .superRefine(refuseDoctors);

export const channelPromotionListQuerySchema = listQuerySchema.extend({
  status: z.enum(promotionStatuses).optional(),
  kind: z.enum(promotionKinds).optional(),
  ownerId: z.uuid().optional(),
  /** Awaiting the caller's decision */
  toDecide: booleanQuery.optional(),
});

export const channelPromotionEvaluationSchema = z.object({
  promotionId: z.uuid(),
  periodFrom: z.string(),
  periodTo: z.string(),
  beforeFrom: z.string(),
  beforeTo: z.string(),
  days: z.number().int(),
  unitsDuring: z.number().int(),
  unitsBefore: z.number().int(),
  extraUnits: z.number().int(),
  upliftPct: z.number().nullable(),
  paidFen: z.number().int(),
  budgetFen: z.number().int(),
  budgetUsedPct: z.number().nullable(),
  costPerExtraUnitFen: z.number().int().nullable(),
  /** Customers counted (the targeted channel customers in the owner's scope) */
  customerCount: z.number().int(),
});
export type ChannelPromotionEvaluation = z.infer<typeof channelPromotionEvaluationSchema>;

/**
 * API contract of 客情费 (relationship-maintenance expenses for channel customers, seed 003): budget accounts per
 * product and year, monthly claims with the statement of each customer's purchases, signed 销售文员 → 销售部经理 →
 * 财务, paid within the cash-advance cap and spot-checked by the manager; 新客户特殊费用 applications. Never doctors.
 */
import { z } from 'zod';
import {
  careFeeClaimStatuses,
  careFeeRecipientRoles,
  careFeeSignSteps,
  careFeeSpecialStatuses,
  userDuties,
} from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';
import { fenSchema } from './care.ts';
import { monthSchema } from './segmentation.ts';

export {
  careFeeAdvanceCapFen,
  careFeeClaimStatuses,
  careFeePayoutMode,
  careFeeRecipientRoles,
  careFeeSignSteps,
  careFeeSpecialStatuses,
  userDuties,
} from '@keqing/domain';
export type {
  CareFeeClaimStatus,
  CareFeePayoutMode,
  CareFeeRecipientRole,
  CareFeeSignStep,
  CareFeeSpecialStatus,
  UserDuty,
} from '@keqing/domain';

export const userDutySchema = z.enum(userDuties);
export const careFeeClaimStatusSchema = z.enum(careFeeClaimStatuses);
export const careFeeSpecialStatusSchema = z.enum(careFeeSpecialStatuses);
export const careFeeSignStepSchema = z.enum(careFeeSignSteps);
export const careFeeRecipientRoleSchema = z.enum(careFeeRecipientRoles);
const yearSchema = z.number().int().min(2000).max(2100);
const note = z.string().trim().max(500).nullable().optional();

// ── Budget accounts 客户关系维护费——xx品种 ─────────────────────────────────────────────

export const careFeeAccountSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  year: z.number().int(),
  budgetFen: z.number().int(),
  ratePerUnitFen: z.number().int(),
  /** Sum of the payable amounts of paid claims' lines for this product and year */
  spentFen: z.number().int(),
  /** budget − spent (may be negative when overspent) */
  remainingFen: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type CareFeeAccount = z.infer<typeof careFeeAccountSchema>;

/** GET /api/care-fee-accounts?year= (default: the current China year). Response: list shape. */
export const careFeeAccountListQuerySchema = listQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** PUT /api/care-fee-accounts — admin only; creates or replaces the account of a product and year. */
export const upsertCareFeeAccountSchema = z.object({
  productId: z.uuid(),
  year: yearSchema,
  budgetFen: fenSchema,
  ratePerUnitFen: fenSchema,
});

// ── Signatures ─────────────────────────────────────────────────────────────────────

export const careFeeSignatureSchema = z.object({
  id: z.uuid(),
  step: careFeeSignStepSchema,
  decision: z.enum(['approved', 'rejected']),
  signedBy: z.uuid(),
  signedByName: z.string(),
  comment: z.string().nullable(),
  signedAt: z.string(),
});
export type CareFeeSignature = z.infer<typeof careFeeSignatureSchema>;

/** POST /api/care-fee-claims/:id/sign and /api/care-fee-special-applications/:id/sign */
export const signCareFeeSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().trim().max(500).nullable().optional(),
});

// ── Claims 月客户采购及客情费统计表 ───────────────────────────────────────────────────

export const careFeeClaimLineSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  /** distributor | pharmacy | clinic */
  channelCustomerKind: z.string(),
  productId: z.uuid(),
  productName: z.string(),
  /** 纯销 in the month */
  netSalesQuantity: z.number().int(),
  netSalesFen: z.number().int(),
  /** 回款 in the month and the rate 0–1 */
  collectedFen: z.number().int(),
  collectionRate: z.number(),
  requestedFen: z.number().int(),
  payableFen: z.number().int(),
  recipientRole: careFeeRecipientRoleSchema,
  specialApplicationId: z.uuid().nullable(),
  note: z.string().nullable(),
});
export type CareFeeClaimLine = z.infer<typeof careFeeClaimLineSchema>;

export const careFeeSpotCheckResultSchema = z.object({
  channelCustomerId: z.uuid(),
  confirmed: z.boolean(),
  note: z.string().trim().max(500).nullable().optional(),
});

export const careFeeSpotCheckSchema = z.object({
  id: z.uuid(),
  checkedBy: z.uuid(),
  checkedByName: z.string(),
  checkedOn: z.string(),
  results: z.array(
    z.object({ channelCustomerId: z.uuid(), confirmed: z.boolean(), note: z.string().nullable() }),
  ),
  createdAt: z.string(),
});
export type CareFeeSpotCheck = z.infer<typeof careFeeSpotCheckSchema>;

/** A claim as listed (no lines). */
export const careFeeClaimSummarySchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  month: z.string(),
  status: careFeeClaimStatusSchema,
  requestedFen: z.number().int(),
  payableFen: z.number().int(),
  advanceFen: z.number().int().nullable(),
  paidOn: z.string().nullable(),
  submittedAt: z.string().nullable(),
  lineCount: z.number().int(),
  /** The step to sign next (null: none) */
  nextStep: careFeeSignStepSchema.nullable(),
  spotChecked: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CareFeeClaimSummary = z.infer<typeof careFeeClaimSummarySchema>;

/** GET /api/care-fee-claims/:id (and the response of every claim write) */
export const careFeeClaimSchema = careFeeClaimSummarySchema.extend({
  lines: z.array(careFeeClaimLineSchema),
  signatures: z.array(careFeeSignatureSchema),
  spotCheck: careFeeSpotCheckSchema.nullable(),
});
export type CareFeeClaim = z.infer<typeof careFeeClaimSchema>;

/** GET /api/care-fee-claims — rep own, manager team, admin/compliance all. Sort: month (default -month). */
export const careFeeClaimListQuerySchema = listQuerySchema.extend({
  month: monthSchema.optional(),
  status: careFeeClaimStatusSchema.optional(),
  ownerId: z.uuid().optional(),
});

/**
 * A line as sent. The server fills the statement (net sales, collection) and the payable amount. Any `doctorId`
 * in the body is refused (客情费只用于渠道客户) — the schemas are loose so the service can say so clearly.
 */
export const careFeeClaimLineInputSchema = z.looseObject({
  channelCustomerId: z.uuid(),
  productId: z.uuid(),
  requestedFen: fenSchema,
  recipientRole: careFeeRecipientRoleSchema,
  specialApplicationId: z.uuid().nullable().optional(),
  note,
});
export type CareFeeClaimLineInput = z.infer<typeof careFeeClaimLineInputSchema>;

/** POST /api/care-fee-claims — by a rep (or a manager for a team rep: `ownerId`); month must be a past month. */
export const createCareFeeClaimSchema = z.looseObject({
  month: monthSchema,
  /** A manager may file for a rep of the team; default: the caller */
  ownerId: z.uuid().optional(),
  lines: z.array(careFeeClaimLineInputSchema).min(1).max(200),
});

/** PATCH /api/care-fee-claims/:id — draft only; replaces the lines. */
export const updateCareFeeClaimSchema = z.looseObject({
  version: versionSchema,
  lines: z.array(careFeeClaimLineInputSchema).min(1).max(200).optional(),
});

/** POST /api/care-fee-claims/:id/submit */
export const submitCareFeeClaimSchema = z.object({ version: versionSchema });

/** POST /api/care-fee-claims/:id/pay — by the owner once approved. */
export const payCareFeeClaimSchema = z.object({
  paidOn: isoDate,
  /** 借支 ≤ careFeeAdvanceCapFen and ≤ payable */
  advanceFen: fenSchema,
});

/** POST /api/care-fee-claims/:id/spot-check — the owner's team manager, after paid; 3 paid customers (or all). */
export const careFeeSpotCheckInputSchema = z.object({
  checkedOn: isoDate,
  results: z.array(careFeeSpotCheckResultSchema).min(1).max(3),
});

// ── 新客户特殊费用 applications ───────────────────────────────────────────────────────

export const careFeeSpecialApplicationSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  amountFen: z.number().int(),
  reason: z.string(),
  contractDate: z.string(),
  status: careFeeSpecialStatusSchema,
  approvedAt: z.string().nullable(),
  /** approved and approved (China date) before the contract date: usable on a claim line */
  valid: z.boolean(),
  nextStep: careFeeSignStepSchema.nullable(),
  signatures: z.array(careFeeSignatureSchema),
  version: z.number().int(),
  createdAt: z.string(),
});
export type CareFeeSpecialApplication = z.infer<typeof careFeeSpecialApplicationSchema>;

/** GET /api/care-fee-special-applications — same scope as claims. */
export const careFeeSpecialListQuerySchema = listQuerySchema.extend({
  status: careFeeSpecialStatusSchema.optional(),
  channelCustomerId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
});

/** POST /api/care-fee-special-applications — today must be before contractDate. */
export const createCareFeeSpecialSchema = z.looseObject({
  channelCustomerId: z.uuid(),
  productId: z.uuid().nullable().optional(),
  amountFen: fenSchema.refine((v) => v > 0),
  reason: z.string().trim().min(1).max(1000),
  contractDate: isoDate,
});

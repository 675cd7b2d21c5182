/**
 * API contract of channel parties 渠道客户: distributors, pharmacies and clinics with their status history,
 * licences 证照, contacts, supply contracts 供货合同, channel products and prices, rebate policies 返利政策 and
 * visits 渠道拜访 (terminal visit intervals).
 */
import { z } from 'zod';
import {
  channelContactRoles,
  channelCustomerKinds,
  channelCustomerStatuses,
  channelPaymentTerms,
  channelTierRoles,
  channelVisitTypes,
  distributorTiers,
  licenceKinds,
  lifecycleStages,
  rebateKinds,
  supplyContractStatuses,
  terminalTiers,
} from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';
import { personalitySchema, personalityTypeSchema } from './accounts.ts';

export {
  channelContactRoles,
  channelCustomerKinds,
  channelCustomerStatuses,
  channelPaymentTerms,
  channelTierRoles,
  channelVisitTypes,
  defaultLicenceWarnDays,
  defaultTerminalVisitDays,
  distributorTiers,
  licenceKinds,
  lifecycleStages,
  rebateKinds,
  supplyContractStatuses,
  terminalTiers,
} from '@keqing/domain';
export type {
  ChannelContactRole,
  ChannelCustomerKind,
  ChannelCustomerStatus,
  ChannelPaymentTerm,
  ChannelTierRole,
  ChannelVisitType,
  DistributorTier,
  LicenceExpiryState,
  LicenceKind,
  LifecycleStage,
  RebateKind,
  SupplyContractStatus,
  TerminalTier,
  TerminalVisitState,
} from '@keqing/domain';

/** Money in integer fen, 0 … ¥100 million. */
const fen = z.number().int().min(0).max(10_000_000_000);
const text = (max: number) => z.string().trim().max(max).nullable().optional();
const requiredText = (max: number) => z.string().trim().min(1).max(max);
const idList = z.array(z.uuid()).max(500);
const named = z.object({ id: z.uuid(), name: z.string() });

const kindSchema = z.enum(channelCustomerKinds);
const distributorTierSchema = z.enum(distributorTiers);
const terminalTierSchema = z.enum(terminalTiers);
const statusSchema = z.enum(channelCustomerStatuses);
const paymentTermSchema = z.enum(channelPaymentTerms);

// ── Channel customers ────────────────────────────────────────────────────────

/** A channel customer as lists show it. */
export const channelCustomerSchema = z.object({
  id: z.uuid(),
  kind: kindSchema,
  name: z.string(),
  code: z.string().nullable(),
  province: z.string(),
  city: z.string(),
  address: z.string().nullable(),
  /** 一级/总经销 · 二级分销 · 终端 (distributors) */
  distributorTier: distributorTierSchema.nullable(),
  /** 重点 · 次重点 · 非重点 (pharmacies and clinics) */
  terminalTier: terminalTierSchema.nullable(),
  status: statusSchema,
  /** 资信额度 */
  creditLimitFen: z.number().int().nullable(),
  paymentTerms: paymentTermSchema.nullable(),
  paymentTermDays: z.number().int().nullable(),
  /** 满意度 1–5 */
  satisfaction: z.number().int().nullable(),
  personalityType: personalityTypeSchema.nullable(),
  /** 客户关系阶段 1–4 */
  relationshipStage: z.number().int().nullable(),
  /** The soonest end date among its licences (null without dated licences) */
  licenceExpiresOn: z.string().nullable(),
  /** The reps covering it today (负责代表), comma-separated */
  repNames: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelCustomer = z.infer<typeof channelCustomerSchema>;

export const channelCustomerDetailSchema = channelCustomerSchema.extend({
  /** 授权区域 */
  authorisedCities: z.array(z.string()),
  authorisedHospitals: z.array(named),
  authorisedCustomers: z.array(named),
  notes: z.string().nullable(),
  /** Territories holding the customer, with the rep covering each today */
  territories: z.array(z.object({ id: z.uuid(), name: z.string(), repName: z.string().nullable() })),
  personality: personalitySchema.nullable(),
  /** Whether the caller may edit it (and its licences, contacts, contracts) */
  mayEdit: z.boolean(),
});
export type ChannelCustomerDetail = z.infer<typeof channelCustomerDetailSchema>;

export const channelCustomerListQuerySchema = listQuerySchema.extend({
  kind: kindSchema.optional(),
  city: z.string().trim().max(30).optional(),
  /** A distributor tier or a terminal tier (combine with kind where both have 'secondary') */
  tier: z.enum(['primary', 'secondary', 'terminal', 'key', 'other']).optional(),
  status: statusSchema.optional(),
});
export const channelCustomerSortFields = ['name', 'city', 'kind', 'createdAt', 'licenceExpiresOn'] as const;

const channelCustomerFields = {
  kind: kindSchema,
  name: requiredText(60),
  code: text(40),
  province: requiredText(20),
  city: requiredText(30),
  address: text(200),
  distributorTier: distributorTierSchema.nullable().optional(),
  terminalTier: terminalTierSchema.nullable().optional(),
  authorisedCities: z.array(requiredText(30)).max(100).optional(),
  authorisedHospitalIds: idList.optional(),
  authorisedCustomerIds: idList.optional(),
  creditLimitFen: fen.nullable().optional(),
  paymentTerms: paymentTermSchema.nullable().optional(),
  paymentTermDays: z.number().int().min(0).max(365).nullable().optional(),
  satisfaction: z.number().int().min(1).max(5).nullable().optional(),
  personalityType: personalityTypeSchema.nullable().optional(),
  relationshipStage: z.number().int().min(1).max(4).nullable().optional(),
  notes: text(2000),
};

/**
 * POST /api/channel-customers. A rep's (or manager's) new customer joins one of their territories in the same
 * transaction: `territoryId` is required when they have several.
 */
export const createChannelCustomerSchema = z.object({
  ...channelCustomerFields,
  territoryId: z.uuid().optional(),
});
export const updateChannelCustomerSchema = z.object({
  ...z.object(channelCustomerFields).partial().shape,
  version: versionSchema,
});

/** POST /api/channel-customers/:id/status — 指定 / 暂停 / 流失 with the reason. */
export const changeChannelCustomerStatusSchema = z.object({
  status: statusSchema,
  reason: requiredText(500),
  /** Default today (China); never in the future */
  changedOn: isoDate.optional(),
  version: versionSchema,
});

export const channelStatusHistorySchema = z.object({
  id: z.uuid(),
  status: statusSchema,
  reason: z.string(),
  changedOn: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type ChannelStatusHistoryItem = z.infer<typeof channelStatusHistorySchema>;

export const channelAttritionSchema = z.object({
  items: z.array(
    z.object({
      year: z.number().int(),
      designatedAtStart: z.number().int(),
      lostDuring: z.number().int(),
      ratePct: z.number().nullable(),
    }),
  ),
});
export type ChannelAttrition = z.infer<typeof channelAttritionSchema>;
export const channelAttritionQuerySchema = z.object({
  kind: kindSchema.optional(),
  /** How many years back from this one (default 5) */
  years: z.coerce.number().int().min(1).max(20).default(5),
});

// ── Licences 证照 ─────────────────────────────────────────────────────────────

export const channelLicenceSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  kind: z.enum(licenceKinds),
  /** 被委托人身份证 numbers show only their last 4 characters outside the covering line and compliance */
  number: z.string(),
  numberMasked: z.boolean(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  expiryState: z.enum(['expired', 'expiring', 'valid']),
  /** Days until the last valid day (negative once expired) */
  daysLeft: z.number().int().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelLicence = z.infer<typeof channelLicenceSchema>;

const licenceFields = {
  kind: z.enum(licenceKinds),
  number: requiredText(60),
  validFrom: isoDate.nullable().optional(),
  validUntil: isoDate.nullable().optional(),
  notes: text(500),
};
export const createChannelLicenceSchema = z.object(licenceFields);
export const updateChannelLicenceSchema = z.object({
  ...z.object(licenceFields).partial().shape,
  version: versionSchema,
});
export const channelLicenceListQuerySchema = listQuerySchema.extend({
  /** Expired ones and those ending within this many days */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  channelCustomerId: z.uuid().optional(),
  kind: z.enum(licenceKinds).optional(),
});

// ── Contacts ─────────────────────────────────────────────────────────────────

export const channelContactSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  name: z.string(),
  role: z.enum(channelContactRoles),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelContact = z.infer<typeof channelContactSchema>;
const contactFields = {
  name: requiredText(30),
  role: z.enum(channelContactRoles),
  phone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+\-() ]*$/)
    .nullable()
    .optional(),
  notes: text(500),
  active: z.boolean().optional(),
};
export const createChannelContactSchema = z.object(contactFields);
export const updateChannelContactSchema = z.object({
  ...z.object(contactFields).partial().shape,
  version: versionSchema,
});

// ── Supply contracts 供货合同 ──────────────────────────────────────────────────

export const supplyContractLineSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  specification: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceFen: z.number().int(),
  /** quantity × unit price (computed by the server) */
  amountFen: z.number().int(),
});
export const supplyContractSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  contractNo: z.string(),
  signedOn: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  paymentMethod: paymentTermSchema,
  paymentTermDays: z.number().int().nullable(),
  transport: z.string().nullable(),
  freightPaidBy: z.enum(['supplier', 'buyer']).nullable(),
  deliveryPlace: z.string().nullable(),
  deliveryTime: z.string().nullable(),
  rewards: z.string().nullable(),
  qualityTerms: z.string().nullable(),
  exemptions: z.string().nullable(),
  disputes: z.string().nullable(),
  status: z.enum(supplyContractStatuses),
  lines: z.array(supplyContractLineSchema),
  totalFen: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupplyContract = z.infer<typeof supplyContractSchema>;

const contractLineInput = z.object({
  productId: z.uuid(),
  specification: text(60),
  quantity: z.number().int().min(1).max(100_000_000),
  unitPriceFen: fen,
});
const contractFields = {
  contractNo: requiredText(40),
  signedOn: isoDate,
  startsOn: isoDate,
  endsOn: isoDate,
  paymentMethod: paymentTermSchema,
  paymentTermDays: z.number().int().min(0).max(365).nullable().optional(),
  transport: text(100),
  freightPaidBy: z.enum(['supplier', 'buyer']).nullable().optional(),
  deliveryPlace: text(200),
  deliveryTime: text(100),
  rewards: text(2000),
  qualityTerms: text(2000),
  exemptions: text(2000),
  disputes: text(2000),
  status: z.enum(supplyContractStatuses).optional(),
  lines: z.array(contractLineInput).min(1).max(200),
};
export const createSupplyContractSchema = z.object({ channelCustomerId: z.uuid(), ...contractFields });
/** PATCH: the lines, when sent, replace the contract's lines. */
export const updateSupplyContractSchema = z.object({
  ...z.object(contractFields).partial().shape,
  version: versionSchema,
});
export const supplyContractListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  status: z.enum(supplyContractStatuses).optional(),
});

// ── Channel products and prices ──────────────────────────────────────────────

export const channelPriceLevelsSchema = z.object({
  /** 出厂价 */
  factory: fen,
  /** 订货价 */
  order: fen,
  /** 经销价 */
  distributor: fen,
  /** 进价 */
  purchase: fen,
  /** 零售价 */
  retail: fen,
});
export type ChannelPriceLevelsInput = z.infer<typeof channelPriceLevelsSchema>;

const marginSchema = z.object({ distributorPct: z.number().nullable(), terminalPct: z.number().nullable() });

export const channelProductSchema = z.object({
  /** The product id */
  id: z.uuid(),
  productName: z.string(),
  genericName: z.string().nullable(),
  /** The channel row; null while the product has none */
  channel: z
    .object({
      tierRole: z.enum(channelTierRoles),
      lifecycleStage: z.enum(lifecycleStages),
      prices: channelPriceLevelsSchema,
      /** 限价 */
      minResalePriceFen: z.number().int(),
      competitorName: z.string().nullable(),
      competitorPrices: channelPriceLevelsSchema.nullable(),
      supplied: z.boolean(),
      delistedOn: z.string().nullable(),
      replacementProductId: z.uuid().nullable(),
      replacementProductName: z.string().nullable(),
      version: z.number().int(),
      updatedAt: z.string(),
    })
    .nullable(),
  /** Margins ours vs the competitor's (gap in percentage points, negative: ours is lower) */
  margin: z
    .object({
      ours: marginSchema,
      competitor: marginSchema.nullable(),
      distributorGapPoints: z.number().nullable(),
      terminalGapPoints: z.number().nullable(),
    })
    .nullable(),
});
export type ChannelProduct = z.infer<typeof channelProductSchema>;
export const channelProductListQuerySchema = listQuerySchema.extend({
  tierRole: z.enum(channelTierRoles).optional(),
  lifecycleStage: z.enum(lifecycleStages).optional(),
});

/** PUT /api/channel-products/:productId (admin) — creates or replaces the channel row (version when it exists). */
export const putChannelProductSchema = z.object({
  tierRole: z.enum(channelTierRoles),
  lifecycleStage: z.enum(lifecycleStages),
  prices: channelPriceLevelsSchema,
  minResalePriceFen: fen,
  competitorName: text(60),
  competitorPrices: channelPriceLevelsSchema.nullable().optional(),
  supplied: z.boolean().default(true),
  delistedOn: isoDate.nullable().optional(),
  replacementProductId: z.uuid().nullable().optional(),
  version: versionSchema.optional(),
});
export const productIdParamsSchema = z.object({ productId: z.uuid() });

export const channelTierPriceSchema = z.object({
  distributorTier: distributorTierSchema,
  /** 供货价 */
  supplyPriceFen: z.number().int(),
  /** 限价 */
  minResalePriceFen: z.number().int(),
  updatedAt: z.string(),
});
export type ChannelTierPrice = z.infer<typeof channelTierPriceSchema>;
export const channelTierPricesSchema = z.object({
  productId: z.uuid(),
  items: z.array(channelTierPriceSchema),
});
/** PUT …/tier-prices (admin): the full set, one row per tier at most. */
export const putChannelTierPricesSchema = z.object({
  items: z
    .array(z.object({ distributorTier: distributorTierSchema, supplyPriceFen: fen, minResalePriceFen: fen }))
    .max(3),
});

// ── Rebate policies 返利政策 ──────────────────────────────────────────────────

export const rebateStepSchema = z.object({
  fromQuantity: z.number().int().min(0).nullable().optional(),
  fromAmountFen: fen.nullable().optional(),
  ratePct: z.number().min(0).max(100),
});
export const rebatePolicySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  distributorTier: distributorTierSchema.nullable(),
  kind: z.enum(rebateKinds),
  steps: z.array(rebateStepSchema),
  rule: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RebatePolicy = z.infer<typeof rebatePolicySchema>;
const rebateFields = {
  name: requiredText(60),
  productId: z.uuid().nullable().optional(),
  distributorTier: distributorTierSchema.nullable().optional(),
  kind: z.enum(rebateKinds),
  steps: z.array(rebateStepSchema).max(20).optional(),
  rule: text(2000),
  validFrom: isoDate,
  validUntil: isoDate.nullable().optional(),
};
export const createRebatePolicySchema = z.object(rebateFields);
export const updateRebatePolicySchema = z.object({
  ...z.object(rebateFields).partial().shape,
  version: versionSchema,
});
export const rebatePolicyListQuerySchema = listQuerySchema.extend({
  productId: z.uuid().optional(),
  distributorTier: distributorTierSchema.optional(),
});

// ── Channel visits 渠道拜访 ────────────────────────────────────────────────────

export const channelVisitSchema = z.object({
  id: z.uuid(),
  channelCustomerId: z.uuid(),
  channelCustomerName: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  visitDate: z.string(),
  type: z.enum(channelVisitTypes),
  purpose: z.string(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type ChannelVisit = z.infer<typeof channelVisitSchema>;
export const createChannelVisitSchema = z.object({
  channelCustomerId: z.uuid(),
  /** Not in the future */
  visitDate: isoDate,
  type: z.enum(channelVisitTypes),
  purpose: requiredText(200),
  notes: text(2000),
});
export const channelVisitListQuerySchema = listQuerySchema.extend({
  channelCustomerId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** A pharmacy or clinic due or overdue for a visit by its terminal tier's interval. */
export const channelVisitDueSchema = z.object({
  /** The channel customer id */
  id: z.uuid(),
  name: z.string(),
  kind: kindSchema,
  city: z.string(),
  terminalTier: terminalTierSchema,
  lastVisitDate: z.string().nullable(),
  daysSince: z.number().int().nullable(),
  dueDate: z.string().nullable(),
  intervalDays: z.number().int(),
  state: z.enum(['due', 'overdue']),
});
export type ChannelVisitDue = z.infer<typeof channelVisitDueSchema>;
export const channelVisitDueQuerySchema = listQuerySchema.extend({
  state: z.enum(['due', 'overdue']).optional(),
});

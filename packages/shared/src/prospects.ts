/**
 * 客户开发 channel prospects: the API contract. A prospective distributor, pharmacy or clinic found by referral,
 * meeting, phone, mail or market information (seed 002), developed through 准备 → 实施 → 修正 → 评价 (seed 000
 * 第三篇) and converted into a channel customer with its supply contract, or dropped with a reason.
 */
import { z } from 'zod';
import {
  conversionGaps,
  creditCheckResults,
  licenceKinds,
  prospectKinds,
  prospectPhases,
  prospectSources,
  prospectStatuses,
} from '@keqing/domain';
import { createChannelCustomerSchema, createSupplyContractSchema } from './channel-parties.ts';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';

export {
  checklistOf,
  conversionGaps,
  conversionReadiness,
  creditCheckResults,
  nextPhasesOf,
  phaseMoveAllowed,
  prospectKinds,
  prospectPhases,
  prospectSources,
  prospectStatuses,
} from '@keqing/domain';
export type {
  ConversionGap,
  CreditCheckResult,
  ProspectKind,
  ProspectPhase,
  ProspectSource,
  ProspectStatus,
} from '@keqing/domain';

const text = (max: number) => z.string().trim().max(max).nullable().optional();
const requiredText = (max: number) => z.string().trim().min(1).max(max);
const phaseSchema = z.enum(prospectPhases);

/** 资质: licences (kinds as channel customers' 证照) and the 资信调查 credit check. */
export const prospectQualificationSchema = z.object({
  licences: z
    .array(
      z.object({
        kind: z.enum(licenceKinds),
        number: requiredText(60),
        validUntil: isoDate.nullable(),
      }),
    )
    .max(20),
  creditCheck: z.object({
    result: z.enum(creditCheckResults),
    checkedOn: isoDate.nullable().optional(),
    note: text(500),
  }),
});
export type ProspectQualificationInput = z.infer<typeof prospectQualificationSchema>;

export const prospectSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  clientId: z.uuid(),
  name: z.string(),
  kind: z.enum(prospectKinds),
  city: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  source: z.enum(prospectSources),
  sourceNote: z.string().nullable(),
  phase: phaseSchema,
  status: z.enum(prospectStatuses),
  qualification: prospectQualificationSchema,
  plan: z.string().nullable(),
  nextAction: z.string().nullable(),
  nextActionDue: z.string().nullable(),
  convertedCustomerId: z.uuid().nullable(),
  convertedCustomerName: z.string().nullable(),
  convertedAt: z.string().nullable(),
  droppedReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Prospect = z.infer<typeof prospectSchema>;

export const prospectChecklistItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  advice: z.string(),
});
export type ProspectChecklistEntry = z.infer<typeof prospectChecklistItemSchema>;

export const prospectDetailSchema = prospectSchema.extend({
  /** The checklist of the current phase, in the caller's language */
  checklist: z.array(prospectChecklistItemSchema),
  /** Phases it may move to now (empty once closed or in evaluation) */
  nextPhases: z.array(phaseSchema),
  readiness: z.object({
    ready: z.boolean(),
    missing: z.array(z.enum(conversionGaps)),
    /** What is missing, in the caller's language (null when ready) */
    message: z.string().nullable(),
  }),
  /** Whether the caller may change it (not compliance, and it is still open) */
  mayEdit: z.boolean(),
});
export type ProspectDetail = z.infer<typeof prospectDetailSchema>;

export const prospectListQuerySchema = listQuerySchema.extend({
  status: z.enum(prospectStatuses).optional(),
  phase: phaseSchema.optional(),
  source: z.enum(prospectSources).optional(),
  kind: z.enum(prospectKinds).optional(),
  ownerId: z.uuid().optional(),
});
export const prospectSortFields = ['name', 'createdAt', 'updatedAt', 'nextActionDue', 'phase'] as const;

const prospectFields = {
  name: requiredText(60),
  kind: z.enum(prospectKinds),
  city: text(30),
  address: text(200),
  contactName: text(30),
  contactPhone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+\-() ]*$/)
    .nullable()
    .optional(),
  source: z.enum(prospectSources),
  sourceNote: text(500),
  qualification: prospectQualificationSchema.optional(),
  plan: text(2000),
  nextAction: text(200),
  nextActionDue: isoDate.nullable().optional(),
};

/** POST /api/prospects — idempotent on clientId (the same one again answers the stored prospect, 200). */
export const createProspectSchema = z.object({
  clientId: z.uuid(),
  ...prospectFields,
  /** A manager may open one for a member of their team, an admin for anyone; default the caller */
  ownerId: z.uuid().optional(),
});
export const updateProspectSchema = z.object({
  ...z.object(prospectFields).partial().shape,
  version: versionSchema,
});

/** POST /api/prospects/:id/phase */
export const moveProspectPhaseSchema = z.object({ phase: phaseSchema, version: versionSchema });

/** POST /api/prospects/:id/drop — 放弃 with the reason. */
export const dropProspectSchema = z.object({ reason: requiredText(500), version: versionSchema });

/**
 * POST /api/prospects/:id/convert — the new channel customer (its name and kind come from the prospect; city
 * defaults to the prospect's), linked to one of the owner's territories, and optionally its first supply contract.
 */
export const convertProspectSchema = z.object({
  version: versionSchema,
  customer: createChannelCustomerSchema
    .pick({
      code: true,
      province: true,
      address: true,
      distributorTier: true,
      terminalTier: true,
      creditLimitFen: true,
      paymentTerms: true,
      paymentTermDays: true,
      territoryId: true,
    })
    .extend({ city: z.string().trim().min(1).max(30).optional() }),
  contract: createSupplyContractSchema.omit({ channelCustomerId: true }).optional(),
});
export type ConvertProspectInput = z.infer<typeof convertProspectSchema>;

export const prospectConversionSchema = z.object({
  customerId: z.uuid(),
  contractId: z.uuid().nullable(),
  prospect: prospectDetailSchema,
});
export type ProspectConversion = z.infer<typeof prospectConversionSchema>;

/** GET /api/prospects/funnel — the caller's scope (or one owner in it). */
export const prospectFunnelQuerySchema = z.object({ ownerId: z.uuid().optional() });

const statusCounts = { open: z.number().int(), converted: z.number().int(), dropped: z.number().int() };
export const prospectFunnelSchema = z.object({
  /** Open prospects per phase */
  phases: z.array(z.object({ phase: phaseSchema, open: z.number().int() })),
  /** Prospects per source by status, with the source's conversion rate */
  sources: z.array(
    z.object({
      source: z.enum(prospectSources),
      total: z.number().int(),
      ...statusCounts,
      conversionRate: z.number().nullable(),
    }),
  ),
  total: z.number().int(),
  ...statusCounts,
  /** converted ÷ all prospects (0–1), null without prospects */
  conversionRate: z.number().nullable(),
});
export type ProspectFunnel = z.infer<typeof prospectFunnelSchema>;

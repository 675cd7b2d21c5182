/**
 * API contract of care 客户关怀 within compliance: settings (tiers, caps, festivals, reminder), care dates and
 * festivals, life events, care tiers per doctor, care actions, care plans with approval, the per-doctor annual
 * report across reps and the compliance dashboard. Money is integer fen (分) everywhere.
 */
import { z } from 'zod';
import {
  careFestivalKeys,
  careKinds,
  lifeEventKindKeys,
  type CareFestival,
  type LifeEventKind,
} from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';

export {
  careFestivalKeys,
  careFestivals,
  careKindLabels,
  careKinds,
  defaultCareTiers,
  lifeEventKindKeys,
  lifeEventKinds,
} from '@keqing/domain';
export type { CareFestival, CareKind, CareTierPolicy, LifeEventKind } from '@keqing/domain';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const festivalSchema = z.enum(careFestivalKeys as [CareFestival, ...CareFestival[]]);
const lifeEventKindSchema = z.enum(lifeEventKindKeys as [LifeEventKind, ...LifeEventKind[]]);

/** Fen 分: a non-negative integer (the web converts ¥ with at most 2 decimals; see domain parseYuan). */
export const fenSchema = z.number().int().min(0).max(100_000_000);

// ── Settings ──────────────────────────────────────────────────────────────────

export const careTierPolicySchema = z.object({
  key: z.string().trim().min(1).max(20),
  label: trimmed(40),
  allowedKinds: z.array(z.enum(careKinds)).min(1),
  actionsPerYear: z.number().int().min(0).max(366),
  capPerActionFen: fenSchema,
  capPerYearFen: fenSchema,
});

export const careSettingsSchema = z.object({
  /** Remind this many days ahead of a care date (7) */
  reminderDaysAhead: z.number().int().min(0).max(60),
  /** Festivals the company observes */
  festivals: z.array(festivalSchema),
  /** Tiers, best first; the first is suggested for A-grade / key-account doctors, the last for everyone else */
  tiers: z.array(careTierPolicySchema).min(1).max(10),
  /** An action at or above this share of a cap counts as "near the cap" on the compliance dashboard (80) */
  nearCapPct: z.number().int().min(1).max(100),
  /** A rep whose yearly spend exceeds this multiple of the median rep's is "unusual" (2) */
  unusualSpendFactor: z.number().min(1).max(20),
});
export type CareSettings = z.infer<typeof careSettingsSchema>;

// ── Care dates and festivals 重要日期 ─────────────────────────────────────────

export const careDateKinds = ['workAnniversary', 'familyEvent', 'other'] as const;
export const careDateSchema = z.object({
  id: z.uuid(),
  doctorId: z.uuid(),
  kind: z.enum(careDateKinds),
  label: z.string(),
  month: z.number().int(),
  day: z.number().int(),
  isLunar: z.boolean(),
  sinceYear: z.number().int().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type CareDate = z.infer<typeof careDateSchema>;
export const createCareDateSchema = z.object({
  doctorId: z.uuid(),
  kind: z.enum(careDateKinds),
  label: trimmed(50),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  isLunar: z.boolean().default(false),
  sinceYear: z.number().int().min(1900).max(2100).nullable().optional(),
  notes: optionalText(500),
});
export const updateCareDateSchema = createCareDateSchema
  .omit({ doctorId: true })
  .partial()
  .extend({ version: versionSchema });

/**
 * GET /api/care/upcoming?from&days&ownerId|teamId — what falls in the window for the caller's doctors: birthdays
 * (solar or lunar), care dates, and observed festivals (once each, not per doctor).
 */
export const upcomingCareQuerySchema = z.object({
  from: isoDate.optional(),
  /** Window length; default the settings' reminderDaysAhead, at most 366 (a yearly calendar) */
  days: z.coerce.number().int().min(1).max(366).optional(),
  ownerId: z.uuid().optional(),
  teamId: z.uuid().optional(),
});
export const upcomingCareItemSchema = z.object({
  date: isoDate,
  kind: z.enum(['birthday', 'festival', ...careDateKinds]),
  label: z.string(),
  isLunar: z.boolean(),
  festival: festivalSchema.nullable(),
  /** null for a festival */
  doctorId: z.uuid().nullable(),
  doctorName: z.string().nullable(),
  hospitalName: z.string().nullable(),
  careTier: z.string().nullable(),
  /** The care_dates row (null for a birthday or a festival) */
  careDateId: z.uuid().nullable(),
});
export const upcomingCareSchema = z.object({
  from: isoDate,
  to: isoDate,
  items: z.array(upcomingCareItemSchema),
});
export type UpcomingCare = z.infer<typeof upcomingCareSchema>;

// ── Life events 喜事/不幸 ─────────────────────────────────────────────────────

export const lifeEventSchema = z.object({
  id: z.uuid(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  kind: lifeEventKindSchema,
  nature: z.enum(['happy', 'misfortune']),
  occurredOn: isoDate,
  note: z.string().nullable(),
  /** The task raised at once */
  followUpId: z.uuid().nullable(),
  createdBy: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.string(),
});
export type LifeEvent = z.infer<typeof lifeEventSchema>;
export const createLifeEventSchema = z.object({
  doctorId: z.uuid(),
  kind: lifeEventKindSchema,
  occurredOn: isoDate,
  note: optionalText(500),
});
export const lifeEventListQuerySchema = listQuerySchema.extend({ doctorId: z.uuid().optional() });

// ── Care tiers 关怀等级 ───────────────────────────────────────────────────────

export const doctorCareTierSchema = z.object({
  doctorId: z.uuid(),
  /** The tier in force: the chosen one, else the suggestion */
  tier: z.string(),
  suggestedTier: z.string(),
  chosen: z.boolean(),
  policy: careTierPolicySchema,
  /** This calendar year, all reps together */
  yearSpentFen: z.number().int(),
  yearActions: z.number().int(),
  version: z.number().int().nullable(),
});
export type DoctorCareTier = z.infer<typeof doctorCareTierSchema>;
/** PUT /api/doctors/:id/care-tier — null clears the choice (back to the suggestion). */
export const setDoctorCareTierSchema = z.object({
  tier: z.string().max(20).nullable(),
  version: versionSchema.optional(),
});

// ── Care actions 关怀行动 ─────────────────────────────────────────────────────

export const careActionSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  kind: z.enum(careKinds),
  actionDate: isoDate,
  valueFen: z.number().int(),
  purpose: z.string(),
  evidenceNote: z.string().nullable(),
  festival: festivalSchema.nullable(),
  callId: z.uuid().nullable(),
  carePlanItemId: z.uuid().nullable(),
  carePlanId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type CareAction = z.infer<typeof careActionSchema>;

/**
 * POST /api/care-actions. Over the doctor's tier cap (per action or per year, all reps together) or of a kind the
 * tier does not allow, it is refused unless `carePlanItemId` names an approved plan item for this doctor and kind
 * whose value covers it.
 */
export const createCareActionSchema = z.object({
  doctorId: z.uuid(),
  kind: z.enum(careKinds),
  actionDate: isoDate,
  valueFen: fenSchema,
  purpose: trimmed(300),
  evidenceNote: optionalText(1000),
  festival: festivalSchema.nullable().optional(),
  callId: z.uuid().nullable().optional(),
  carePlanItemId: z.uuid().nullable().optional(),
});
export const careActionListQuerySchema = listQuerySchema.extend({
  ownerId: z.uuid().optional(),
  doctorId: z.uuid().optional(),
  kind: z.enum(careKinds).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

// ── Care plans 关怀计划 ───────────────────────────────────────────────────────

export const carePlanStatuses = [
  'draft',
  'submitted',
  'managerApproved',
  'approved',
  'rejected',
  'executed',
] as const;
export const carePlanItemInputSchema = z.object({
  doctorId: z.uuid(),
  kind: z.enum(careKinds),
  valueFen: fenSchema,
  purpose: optionalText(300),
});
export const carePlanItemSchema = z.object({
  id: z.uuid(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  kind: z.enum(careKinds),
  valueFen: z.number().int(),
  purpose: z.string().nullable(),
  /** Over the doctor's tier cap (per action or for the year with this item), or a kind the tier does not allow */
  overCap: z.boolean(),
  capReason: z.string().nullable(),
  /** The action recorded for it, once executed */
  careActionId: z.uuid().nullable(),
  feedback: z.string().nullable(),
  feedbackAt: z.string().nullable(),
});
export const carePlanApprovalSchema = z.object({
  step: z.enum(['manager', 'compliance']),
  decision: z.enum(['approved', 'rejected']),
  decidedBy: z.object({ id: z.uuid(), name: z.string() }),
  comment: z.string().nullable(),
  decidedAt: z.string(),
});
export const carePlanSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  title: z.string(),
  kind: z.enum(['customer', 'campaign']),
  festival: festivalSchema.nullable(),
  plannedDate: isoDate,
  purpose: z.string(),
  status: z.enum(carePlanStatuses),
  needsCompliance: z.boolean(),
  totalFen: z.number().int(),
  items: z.array(carePlanItemSchema),
  approvals: z.array(carePlanApprovalSchema),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CarePlan = z.infer<typeof carePlanSchema>;
export const createCarePlanSchema = z.object({
  title: trimmed(100),
  kind: z.enum(['customer', 'campaign']),
  festival: festivalSchema.nullable().optional(),
  plannedDate: isoDate,
  purpose: trimmed(500),
  items: z.array(carePlanItemInputSchema).min(1).max(500),
});
/** PATCH /api/care-plans/:id — a draft (or a rejected plan being reworked) only. */
export const updateCarePlanSchema = createCarePlanSchema.partial().extend({ version: versionSchema });
export const submitCarePlanSchema = z.object({ version: versionSchema });
/** POST /api/care-plans/:id/decisions — the manager (then compliance when needed); never the submitter. */
export const decideCarePlanSchema = z.object({
  version: versionSchema,
  decision: z.enum(['approved', 'rejected']),
  comment: optionalText(500),
});
/** POST /api/care-plans/:id/items/:itemId/feedback — 反馈单 after the care was given. */
export const carePlanFeedbackSchema = z.object({ feedback: trimmed(1000) });
export const carePlanListQuerySchema = listQuerySchema.extend({
  ownerId: z.uuid().optional(),
  status: z.enum(carePlanStatuses).optional(),
  /** Plans waiting for the caller's decision */
  awaitingMe: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

// ── Compliance 合规 ───────────────────────────────────────────────────────────

/** GET /api/care/annual-totals?year — per doctor, all reps together (splitting across reps hides nothing). */
export const annualTotalsQuerySchema = listQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100),
  doctorId: z.uuid().optional(),
  overCapOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const annualTotalSchema = z.object({
  /** the doctor's id */
  id: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  tier: z.string(),
  capPerYearFen: z.number().int(),
  totalFen: z.number().int(),
  actions: z.number().int(),
  reps: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  overCap: z.boolean(),
});
export type AnnualTotal = z.infer<typeof annualTotalSchema>;

export const complianceDashboardQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});

/** GET /api/care/compliance-dashboard?year — near/over-cap actions, rejected plans, reps with unusual spend. */
export const complianceDashboardSchema = z.object({
  year: z.number().int(),
  totalFen: z.number().int(),
  nearOrOverCap: z.array(
    careActionSchema.extend({ capFen: z.number().int(), sharePct: z.number(), overCap: z.boolean() }),
  ),
  rejectedPlans: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      ownerName: z.string(),
      totalFen: z.number().int(),
      decidedAt: z.string(),
    }),
  ),
  unusualSpend: z.array(
    z.object({
      repId: z.uuid(),
      repName: z.string(),
      totalFen: z.number().int(),
      medianFen: z.number().int(),
      factor: z.number(),
    }),
  ),
  doctorsOverYearCap: z.number().int(),
});
export type ComplianceDashboard = z.infer<typeof complianceDashboardSchema>;

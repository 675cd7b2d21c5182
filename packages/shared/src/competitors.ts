/**
 * 竞品情报 competitor intelligence (seed 004 竞争分析, seed 001 争夺客户): competitor products per therapeutic area
 * (organisation data), the reps' usage judgements per hospital or doctor (1 偶尔 … 5 主要使用, never prescription
 * counts), competitor activities observed, and the pressure they add up to per hospital and month.
 */
import { z } from 'zod';
import { competitorActivityKinds, competitorVisitors, pressureTrends, threatLevels } from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';

export {
  activityWeight,
  competitorActivityKinds,
  competitorVisitors,
  pressureTrends,
  threatLevels,
  usageJudgementLabels,
  usageJudgements,
  usageWindowDays,
} from '@keqing/domain';
export type {
  CompetitorActivityKind,
  CompetitorVisitor,
  PressureTrend,
  ThreatLevel,
  UsageJudgement,
} from '@keqing/domain';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

// ── competitor products 竞品 ───────────────────────────────────────────────

export const competitorProductSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  company: z.string(),
  therapeuticArea: z.string(),
  /** Our product it competes with */
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CompetitorProduct = z.infer<typeof competitorProductSchema>;

export const competitorProductQuerySchema = listQuerySchema.extend({
  therapeuticArea: z.string().trim().max(50).optional(),
  productId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const createCompetitorProductSchema = z.object({
  name: text(100),
  company: text(100),
  therapeuticArea: text(50),
  productId: z.uuid().nullable().optional(),
  active: z.boolean().default(true),
});
export const updateCompetitorProductSchema = z.object({
  version: versionSchema,
  name: text(100).optional(),
  company: text(100).optional(),
  therapeuticArea: text(50).optional(),
  productId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
});

// ── usage judgements 竞品使用 ───────────────────────────────────────────────

export const competitorUsageSchema = z.object({
  id: z.uuid(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  doctorId: z.uuid().nullable(),
  doctorName: z.string().nullable(),
  competitorProductId: z.uuid(),
  competitorProductName: z.string(),
  company: z.string(),
  /** 1 偶尔 … 5 主要使用 (the rep's judgement) */
  judgement: z.number().int().min(1).max(5),
  observedOn: isoDate,
  source: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.uuid(),
  recordedByName: z.string(),
  createdAt: z.string(),
});
export type CompetitorUsage = z.infer<typeof competitorUsageSchema>;

export const competitorUsageQuerySchema = listQuerySchema.extend({
  hospitalId: z.uuid().optional(),
  doctorId: z.uuid().optional(),
  competitorProductId: z.uuid().optional(),
});

export const createCompetitorUsageSchema = z.object({
  hospitalId: z.uuid(),
  doctorId: z.uuid().nullable().optional(),
  competitorProductId: z.uuid(),
  judgement: z.number().int().min(1).max(5),
  observedOn: isoDate,
  source: optionalText(200),
  note: optionalText(1000),
});

// ── activities 竞品活动 ──────────────────────────────────────────────────────

export const competitorActivitySchema = z.object({
  id: z.uuid(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  doctorId: z.uuid().nullable(),
  doctorName: z.string().nullable(),
  competitorProductId: z.uuid().nullable(),
  competitorProductName: z.string().nullable(),
  company: z.string().nullable(),
  kind: z.enum(competitorActivityKinds),
  byWhom: z.enum(competitorVisitors).nullable(),
  /** activityWeight(kind, byWhom) */
  weight: z.number(),
  observedOn: isoDate,
  source: z.string().nullable(),
  description: z.string(),
  recordedBy: z.uuid(),
  recordedByName: z.string(),
  createdAt: z.string(),
});
export type CompetitorActivity = z.infer<typeof competitorActivitySchema>;

export const competitorActivityQuerySchema = listQuerySchema.extend({
  hospitalId: z.uuid().optional(),
  doctorId: z.uuid().optional(),
  kind: z.enum(competitorActivityKinds).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const createCompetitorActivitySchema = z.object({
  hospitalId: z.uuid(),
  doctorId: z.uuid().nullable().optional(),
  competitorProductId: z.uuid().nullable().optional(),
  /** The company, when no product is known */
  company: optionalText(100),
  kind: z.enum(competitorActivityKinds),
  /** For visits: 代表 / 经理 / 总监 */
  byWhom: z.enum(competitorVisitors).nullable().optional(),
  observedOn: isoDate,
  source: optionalText(200),
  description: text(1000),
});

// ── pressure 竞品压力 ────────────────────────────────────────────────────────

export const competitorPressureQuerySchema = z.object({
  hospitalId: z.uuid().optional(),
  /** Our product: only competitor products against it count */
  productId: z.uuid().optional(),
  months: z.coerce.number().int().min(1).max(24).default(6),
});

export const monthlyPressureSchema = z.object({
  month: z.string(),
  score: z.number(),
  usagePart: z.number(),
  activityPart: z.number(),
  activityCount: z.number().int(),
});
export type MonthlyPressurePoint = z.infer<typeof monthlyPressureSchema>;

export const competitorJudgementSchema = z.object({
  competitorProductId: z.uuid(),
  competitorProductName: z.string(),
  company: z.string(),
  therapeuticArea: z.string(),
  /** The highest latest judgement across the hospital's doctors (or this doctor's) */
  judgement: z.number().int(),
  /** Doctors with a latest judgement (hospital-level judgements count as none) */
  doctorCount: z.number().int(),
  observedOn: isoDate,
  source: z.string().nullable(),
});
export type CompetitorJudgement = z.infer<typeof competitorJudgementSchema>;

export const hospitalPressureSchema = z.object({
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  series: z.array(monthlyPressureSchema),
  score: z.number(),
  trend: z.enum(pressureTrends),
  threat: z.enum(threatLevels),
  competitors: z.array(competitorJudgementSchema),
});
export type HospitalPressure = z.infer<typeof hospitalPressureSchema>;

export const competitorPressureSchema = z.object({
  months: z.array(z.string()),
  /** Hospitals with competitor data, highest current score first */
  items: z.array(hospitalPressureSchema),
  latestActivities: z.array(competitorActivitySchema),
});
export type CompetitorPressure = z.infer<typeof competitorPressureSchema>;

/** What a doctor uses and what the competition does around them (pre-call brief, doctor 360°). */
export const doctorCompetitorsSchema = z.object({
  doctorId: z.uuid(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  competitors: z.array(competitorJudgementSchema),
  activities: z.array(competitorActivitySchema),
  score: z.number(),
  trend: z.enum(pressureTrends),
  threat: z.enum(threatLevels),
});
export type DoctorCompetitors = z.infer<typeof doctorCompetitorsSchema>;

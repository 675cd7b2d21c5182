/**
 * API contract of 进药 pipeline: one per hospital × product, stage moves as events, the team board with its
 * conversion and time-in-stage figures, stalled warnings (停滞).
 */
import { z } from 'zod';
import { pipelineStages } from '@keqing/domain';
import { booleanQuery, isoDate, listQuerySchema, versionSchema } from './common.ts';

export {
  checkStageMove,
  defaultStalledAfterDays,
  isListedStage,
  mainPath,
  nextStageOf,
  pipelineStageNames,
  pipelineStages,
} from '@keqing/domain';
export type { PipelineStage, StageMoveKind } from '@keqing/domain';

export const pipelineStageSchema = z.enum(pipelineStages);

/** 申请医生 · 科主任 · 药剂科主任 · 药事委员会委员 · 其他 */
export const pipelinePersonRoles = [
  'applicant',
  'departmentHead',
  'pharmacyDirector',
  'committeeMember',
  'other',
] as const;
export type PipelinePersonRole = (typeof pipelinePersonRoles)[number];

/** A person involved: a doctor or key contact of the hospital, or (role other) just a name. */
export const pipelinePersonInputSchema = z
  .object({
    role: z.enum(pipelinePersonRoles),
    doctorId: z.uuid().optional(),
    keyContactId: z.uuid().optional(),
    name: z.string().trim().min(1).max(50).optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((p) => [p.doctorId, p.keyContactId, p.name].filter(Boolean).length === 1, {
    params: { i18n: 'pipeline.person.oneOf' },
  });
export type PipelinePersonInput = z.infer<typeof pipelinePersonInputSchema>;

export const pipelinePersonSchema = z.object({
  role: z.enum(pipelinePersonRoles),
  doctorId: z.uuid().nullable(),
  keyContactId: z.uuid().nullable(),
  /** The doctor's or contact's name (resolved), or the name given */
  name: z.string(),
  note: z.string().nullable(),
});
export type PipelinePerson = z.infer<typeof pipelinePersonSchema>;

/** 申请表, 产品资料, 药学资料 … */
export const pipelineDocumentSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.string().trim().max(40).optional(),
    date: isoDate.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
export type PipelineDocument = z.infer<typeof pipelineDocumentSchema>;

export const pipelineItemSchema = z.object({
  id: z.uuid(),
  hospitalId: z.uuid(),
  hospitalName: z.string(),
  productId: z.uuid(),
  productName: z.string(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  stage: pipelineStageSchema,
  stageDate: isoDate,
  daysInStage: z.number().int(),
  /** No activity for the stalled threshold (停滞) */
  stalled: z.boolean(),
  /** Days without activity when stalled, else null */
  stalledDays: z.number().int().nullable(),
  nextAction: z.string().nullable(),
  nextActionDue: isoDate.nullable(),
  closed: z.boolean(),
  lastActivityAt: z.string(),
  version: z.number().int(),
});
export type PipelineItem = z.infer<typeof pipelineItemSchema>;

export const pipelineEventSchema = z.object({
  id: z.uuid(),
  fromStage: pipelineStageSchema.nullable(),
  toStage: pipelineStageSchema,
  date: isoDate,
  reason: z.string().nullable(),
  via: z.enum(['form', 'board']),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});
export type PipelineEvent = z.infer<typeof pipelineEventSchema>;

export const pipelineDetailSchema = pipelineItemSchema.extend({
  people: z.array(pipelinePersonSchema),
  documents: z.array(pipelineDocumentSchema),
  notes: z.string().nullable(),
  events: z.array(pipelineEventSchema),
  /** Whether the caller may change it */
  mayWrite: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PipelineDetail = z.infer<typeof pipelineDetailSchema>;

export const pipelineListQuerySchema = listQuerySchema.extend({
  hospitalId: z.uuid().optional(),
  productId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  stage: pipelineStageSchema.optional(),
  stalled: booleanQuery.optional(),
});

export const pipelineBoardQuerySchema = z.object({
  teamId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  productId: z.uuid().optional(),
});

export const stageConversionSchema = z.object({
  stage: pipelineStageSchema,
  reached: z.number().int(),
  advanced: z.number().int(),
  rate: z.number().nullable(),
});
export const timeInStageSchema = z.object({
  stage: pipelineStageSchema,
  count: z.number().int(),
  averageDays: z.number().nullable(),
  medianDays: z.number().nullable(),
});

export const pipelineBoardSchema = z.object({
  columns: z.array(z.object({ stage: pipelineStageSchema, cards: z.array(pipelineItemSchema) })),
  figures: z.object({
    total: z.number().int(),
    stalledCount: z.number().int(),
    conversion: z.array(stageConversionSchema),
    timeInStage: z.array(timeInStageSchema),
  }),
  stalledAfterDays: z.number().int(),
});
export type PipelineBoard = z.infer<typeof pipelineBoardSchema>;

const nextActionFields = {
  nextAction: z.string().trim().max(200).nullable().optional(),
  nextActionDue: isoDate.nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
  people: z.array(pipelinePersonInputSchema).max(30).optional(),
  documents: z.array(pipelineDocumentSchema).max(50).optional(),
};

export const createPipelineSchema = z
  .object({
    hospitalId: z.uuid(),
    productId: z.uuid(),
    /** The driving rep; by default the caller (a rep) or the rep covering the hospital */
    ownerId: z.uuid().optional(),
    /** The day the hospital became a target; today by default */
    stageDate: isoDate.optional(),
    ...nextActionFields,
  })
  .strict();

export const updatePipelineSchema = z
  .object({ version: versionSchema, closed: z.boolean().optional(), ...nextActionFields })
  .strict();

export const movePipelineStageSchema = z
  .object({
    toStage: pipelineStageSchema,
    date: isoDate,
    /** Required to skip a stage, go back, or restart after 未通过 */
    reason: z.string().trim().max(500).optional(),
    via: z.enum(['form', 'board']).default('form'),
    version: versionSchema,
  })
  .strict();

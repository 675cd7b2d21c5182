/**
 * API contract of 交接 hand-over (seed 003: adopting "orphan" customers when a rep leaves): a wizard moves the
 * leaver's territories and every open record to one or several successors, with a note per key account, and
 * the orphan check lists anything still held by an inactive user.
 */
import { z } from 'zod';
import { handoverEntities } from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';

export { handoverEntities, overridableEntities } from '@keqing/domain';
export type { HandoverEntity, HandoverPlan } from '@keqing/domain';

export const handoverStatuses = ['draft', 'completed', 'cancelled'] as const;
export type HandoverStatus = (typeof handoverStatuses)[number];

export const handoverPlanSchema = z.object({
  territories: z.array(z.object({ territoryId: z.uuid(), toUserId: z.uuid() })).max(200),
  defaultToUserId: z.uuid().nullable(),
  overrides: z
    .array(z.object({ entity: z.string().min(1).max(40), id: z.uuid(), toUserId: z.uuid() }))
    .max(5000),
});

/** 交接说明: one note per key account (a hospital, a doctor or a channel customer). */
export const handoverNoteSchema = z.object({
  hospitalId: z.uuid().optional(),
  doctorId: z.uuid().optional(),
  channelCustomerId: z.uuid().optional(),
  note: z.string().trim().max(2000),
});
export type HandoverNote = z.infer<typeof handoverNoteSchema>;

export const handoverSchema = z.object({
  id: z.uuid(),
  fromUserId: z.uuid(),
  fromUserName: z.string(),
  fromUserActive: z.boolean(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  status: z.enum(handoverStatuses),
  effectiveDate: isoDate,
  deactivate: z.boolean(),
  plan: handoverPlanSchema,
  notes: z.array(handoverNoteSchema),
  reason: z.string().nullable(),
  createdBy: z.uuid(),
  createdByName: z.string(),
  completedAt: z.string().nullable(),
  /** After completion: records moved per kind */
  movedCounts: z.record(z.string(), z.number().int()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Handover = z.infer<typeof handoverSchema>;

export const handoverListQuerySchema = listQuerySchema.extend({
  status: z.enum(handoverStatuses).optional(),
  fromUserId: z.uuid().optional(),
});

export const createHandoverSchema = z.object({
  fromUserId: z.uuid(),
  effectiveDate: isoDate.optional(),
  deactivate: z.boolean().default(true),
  reason: z.string().trim().max(500).optional(),
});

export const updateHandoverSchema = z.object({
  version: versionSchema,
  effectiveDate: isoDate.optional(),
  deactivate: z.boolean().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
  plan: handoverPlanSchema.optional(),
  notes: z.array(handoverNoteSchema).max(500).optional(),
});

export const completeHandoverSchema = z.object({ version: versionSchema });

/** One open record in the preview, with the successor the plan proposes. */
export const handoverRecordSchema = z.object({
  entity: z.enum(handoverEntities),
  id: z.uuid(),
  label: z.string(),
  /** The leaver's territories the record lies in (empty: goes to the default successor) */
  territoryIds: z.array(z.uuid()),
  toUserId: z.uuid().nullable(),
  toUserName: z.string().nullable(),
});
export type HandoverRecord = z.infer<typeof handoverRecordSchema>;

export const handoverPreviewSchema = z.object({
  handoverId: z.uuid(),
  territories: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      teamId: z.uuid(),
      hospitalCount: z.number().int(),
      channelCustomerCount: z.number().int(),
      toUserId: z.uuid().nullable(),
    }),
  ),
  /** Key accounts: A-grade hospitals and doctors of the territories, and their channel customers */
  keyAccounts: z.array(
    z.object({
      kind: z.enum(['hospital', 'doctor', 'channelCustomer']),
      id: z.uuid(),
      name: z.string(),
      hospitalName: z.string().nullable(),
      territoryId: z.uuid().nullable(),
    }),
  ),
  /** People the plan may name: active reps of the leaver's team(s) and their managers (caretakers) */
  candidates: z.array(
    z.object({ id: z.uuid(), name: z.string(), role: z.string(), teamId: z.uuid().nullable() }),
  ),
  counts: z.record(z.string(), z.number().int()),
  records: z.array(handoverRecordSchema),
  /** Care dates belong to the doctors and follow the territory */
  careDateCount: z.number().int(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type HandoverPreview = z.infer<typeof handoverPreviewSchema>;

export const orphanSchema = z.object({
  kind: z.enum(handoverEntities),
  id: z.uuid(),
  label: z.string(),
  userId: z.uuid(),
  userName: z.string(),
});
export type Orphan = z.infer<typeof orphanSchema>;
export const orphanListSchema = z.object({ count: z.number().int(), items: z.array(orphanSchema) });
export type OrphanList = z.infer<typeof orphanListSchema>;

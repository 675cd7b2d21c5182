/**
 * API contract of complaints 客户抱怨/投诉: received → acknowledged → actionTaken → closed with the four recovery
 * steps (渠道, 授权范围, 紧急行动与道歉, 补偿), due times by severity and overdue warnings.
 */
import { z } from 'zod';
import {
  complaintIssueTypes,
  complaintStatuses,
  type ComplaintIssueType,
  type ComplaintStatus,
} from '@keqing/domain';
import { listQuerySchema, versionSchema } from './common.ts';
import { fenSchema } from './care.ts';

export {
  complaintDueHours,
  complaintIssueTypes,
  complaintStatuses,
  nextComplaintStatus,
} from '@keqing/domain';
export type { ComplaintIssueType, ComplaintSeverity, ComplaintStatus } from '@keqing/domain';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const issueTypeSchema = z.enum(
  complaintIssueTypes as unknown as [ComplaintIssueType, ...ComplaintIssueType[]],
);
const statusSchema = z.enum(complaintStatuses as unknown as [ComplaintStatus, ...ComplaintStatus[]]);
/** 渠道: how the complaint came in */
export const complaintChannels = ['visit', 'phone', 'wechat', 'letter', 'other'] as const;

export const complaintSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  doctorId: z.uuid().nullable(),
  doctorName: z.string().nullable(),
  hospitalName: z.string().nullable(),
  channelCustomerId: z.uuid().nullable(),
  channelCustomerName: z.string().nullable(),
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  issueType: issueTypeSchema,
  severity: z.enum(['normal', 'urgent']),
  description: z.string(),
  receivedAt: z.string(),
  channel: z.enum(complaintChannels),
  status: statusSchema,
  acknowledgeDueAt: z.string(),
  closeDueAt: z.string(),
  /** The step in progress is past its due time */
  overdue: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  empoweredScope: z.string().nullable(),
  urgentAction: z.string().nullable(),
  apologized: z.boolean(),
  compensation: z.string().nullable(),
  compensationFen: z.number().int().nullable(),
  actionTakenAt: z.string().nullable(),
  resolution: z.string().nullable(),
  customerSatisfied: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Complaint = z.infer<typeof complaintSchema>;

/** POST /api/complaints — exactly one of doctorId / channelCustomerId, in the caller's scope. */
export const createComplaintSchema = z.object({
  doctorId: z.uuid().nullable().optional(),
  channelCustomerId: z.uuid().nullable().optional(),
  productId: z.uuid().nullable().optional(),
  issueType: issueTypeSchema,
  severity: z.enum(['normal', 'urgent']).default('normal'),
  description: z.string().trim().min(1).max(2000),
  /** Default now; not in the future */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  channel: z.enum(complaintChannels),
});

/** PATCH /api/complaints/:id — the recovery fields, while not closed. */
export const updateComplaintSchema = z.object({
  version: versionSchema,
  description: z.string().trim().min(1).max(2000).optional(),
  empoweredScope: optionalText(1000),
  urgentAction: optionalText(1000),
  apologized: z.boolean().optional(),
  compensation: optionalText(1000),
  compensationFen: fenSchema.nullable().optional(),
  resolution: optionalText(2000),
});

/**
 * POST /api/complaints/:id/advance — to the next status only. acknowledged needs nothing more; actionTaken needs
 * an urgent action (紧急行动) and the apology recorded; closed needs a resolution and whether the customer was satisfied.
 */
export const advanceComplaintSchema = z.object({
  version: versionSchema,
  to: statusSchema,
  customerSatisfied: z.boolean().optional(),
  /** Closing: the resolution, when not already stored by a PATCH */
  resolution: optionalText(2000),
});

export const complaintListQuerySchema = listQuerySchema.extend({
  ownerId: z.uuid().optional(),
  doctorId: z.uuid().optional(),
  channelCustomerId: z.uuid().optional(),
  status: statusSchema.optional(),
  issueType: issueTypeSchema.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

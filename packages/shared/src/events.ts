/**
 * API contract of academic events 学术会议/科室会 (seed 004): planned by a rep, approved by the manager (and
 * compliance when a speaker would pass the yearly cap), QR sign-in on the day, closed with follow-ups for the
 * attendees. Speaker fee + travel and the meal share count into each doctor's annual care total. Money in fen.
 */
import { z } from 'zod';
import {
  eventFormats,
  eventLayouts,
  eventStatuses,
  speakerRoles,
  type EventFormat,
  type EventLayout,
  type EventStatus,
  type SpeakerRole,
} from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';
import { fenSchema } from './care.ts';

export { defaultSpeakerCaps, eventFormats, eventLayouts, eventStatuses, speakerRoles } from '@keqing/domain';
export type { EventFormat, EventLayout, EventStatus, SpeakerRole } from '@keqing/domain';

const formatSchema = z.enum(eventFormats as unknown as [EventFormat, ...EventFormat[]]);
const layoutSchema = z.enum(eventLayouts as unknown as [EventLayout, ...EventLayout[]]);
const statusSchema = z.enum(eventStatuses as unknown as [EventStatus, ...EventStatus[]]);
const roleSchema = z.enum(speakerRoles as unknown as [SpeakerRole, ...SpeakerRole[]]);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const agendaItemSchema = z.object({
  time: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  title: z.string().trim().min(1).max(100),
  speakerDoctorId: z.uuid().nullable().optional(),
});

export const eventSpeakerSchema = z.object({
  id: z.uuid(),
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  role: roleSchema,
  talkTitle: z.string().nullable(),
  feeFen: z.number().int(),
  travelFen: z.number().int(),
  /** Fee + travel on the doctor's other events this year (all reps, not drafts or rejected) */
  otherEventsFen: z.number().int(),
  /** Over the per-talk or the yearly cap: the event needs compliance */
  overCap: z.boolean(),
  capReason: z.string().nullable(),
  paidOn: z.string().nullable(),
  paidBy: z.string().nullable(),
});
export const eventAttendeeSchema = z.object({
  doctorId: z.uuid(),
  doctorName: z.string(),
  hospitalName: z.string(),
  invitedAt: z.string(),
  signedInAt: z.string().nullable(),
  followUpId: z.uuid().nullable(),
});
export const eventApprovalSchema = z.object({
  step: z.enum(['manager', 'compliance']),
  decision: z.enum(['approved', 'rejected']),
  decidedBy: z.object({ id: z.uuid(), name: z.string() }),
  comment: z.string().nullable(),
  decidedAt: z.string(),
});

const eventCore = {
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  topic: z.string(),
  purpose: z.string(),
  format: formatSchema,
  eventDate: z.string(),
  startTime: z.string().nullable(),
  place: z.string(),
  hospitalId: z.uuid().nullable(),
  hospitalName: z.string().nullable(),
  layout: z.string().nullable(),
  budgetFen: z.number().int(),
  mealCostFen: z.number().int(),
  status: statusSchema,
  needsCompliance: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** One row of GET /api/academic-events */
export const academicEventSummarySchema = z.object({
  ...eventCore,
  speakers: z.number().int(),
  attendees: z.number().int(),
  signedIn: z.number().int(),
});
export type AcademicEventSummary = z.infer<typeof academicEventSummarySchema>;

export const academicEventSchema = z.object({
  ...eventCore,
  agenda: z.array(agendaItemSchema),
  materials: z.array(z.string()),
  /** Fee + travel of every speaker */
  speakerCostFen: z.number().int(),
  hasSignInCode: z.boolean(),
  /** Sign-in is open today (event day ± 1 day, China) */
  signInOpen: z.boolean(),
  speakers: z.array(eventSpeakerSchema),
  attendees: z.array(eventAttendeeSchema),
  approvals: z.array(eventApprovalSchema),
});
export type AcademicEvent = z.infer<typeof academicEventSchema>;

export const eventListQuerySchema = listQuerySchema.extend({
  status: statusSchema.optional(),
  ownerId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only the events waiting for the caller's decision */
  awaitingMe: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** POST /api/academic-events (a rep or a manager; the host hospital in their scope) */
export const createAcademicEventSchema = z.object({
  topic: z.string().trim().min(1).max(100),
  purpose: z.string().trim().min(1).max(500),
  format: formatSchema,
  eventDate: isoDate,
  startTime: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .nullable()
    .optional(),
  place: z.string().trim().min(1).max(100),
  hospitalId: z.uuid().nullable().optional(),
  layout: layoutSchema.nullable().optional(),
  budgetFen: fenSchema,
  mealCostFen: fenSchema.default(0),
  agenda: z.array(agendaItemSchema).max(30).default([]),
  materials: z.array(z.string().trim().min(1).max(100)).max(30).default([]),
});
/** PATCH /api/academic-events/:id — a draft or rejected event, the owner; send the version you read */
export const updateAcademicEventSchema = createAcademicEventSchema
  .partial()
  .extend({ version: versionSchema, purpose: z.string().trim().min(1).max(500).optional() });

/** PUT /api/academic-events/:id/speakers — replaces chair and speakers (draft or rejected) */
export const putEventSpeakersSchema = z.object({
  version: versionSchema,
  speakers: z
    .array(
      z.object({
        doctorId: z.uuid(),
        role: roleSchema,
        talkTitle: optionalText(100),
        feeFen: fenSchema.default(0),
        travelFen: fenSchema.default(0),
      }),
    )
    .max(20),
});
/** PATCH /api/academic-events/:id/speakers — records who paid each speaker when (approved, held or closed) */
export const payEventSpeakersSchema = z.object({
  version: versionSchema,
  payments: z
    .array(z.object({ doctorId: z.uuid(), paidOn: isoDate, paidBy: z.string().trim().min(1).max(50) }))
    .min(1)
    .max(20),
});
/** PUT /api/academic-events/:id/attendees — the invited doctors (not once closed) */
export const putEventAttendeesSchema = z.object({
  version: versionSchema,
  doctorIds: z.array(z.uuid()).max(500),
});
export const eventVersionSchema = z.object({ version: versionSchema });
export const decideEventSchema = z.object({
  version: versionSchema,
  decision: z.enum(['approved', 'rejected']),
  comment: optionalText(500),
});
/** The sign-in link (`/e/<token>`), shown this once: only its sha256 is stored; a new one replaces the old. */
export const eventSignInCodeSchema = z.object({ link: z.string(), token: z.string() });

// ── Public (no sign-in) ──────────────────────────────────────────────────────

export const eventTokenParamsSchema = z.object({ token: z.string().min(20).max(100) });
export const publicEventSchema = z.object({
  topic: z.string(),
  eventDate: z.string(),
  startTime: z.string().nullable(),
  place: z.string(),
  signInOpen: z.boolean(),
});
export type PublicEvent = z.infer<typeof publicEventSchema>;
export const eventSignInSchema = z.object({ name: z.string().trim().min(1).max(30) });
export const eventSignedInSchema = z.object({
  doctorName: z.string(),
  signedInAt: z.string(),
  alreadySignedIn: z.boolean(),
});

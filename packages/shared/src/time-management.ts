/**
 * API contract of 时间管理 (seed 004): tasks in the importance × urgency matrix (A 重要紧急, B 重要不紧急,
 * C 紧急不重要, D 都不) with the five filter questions, the matrix that also holds open follow-ups and care dates,
 * the time log 时间记录 (planned / actual minutes by activity) and the weekly review (Drucker: record → analyse →
 * manage).
 */
import { z } from 'zod';
import {
  derivedSourceKinds,
  filterAdvices,
  filterQuestions,
  maxEntryMinutes,
  quadrants,
  timeActivities,
  timeEntryKinds,
} from '@keqing/domain';
import { isoDate, listQuerySchema, versionSchema } from './common.ts';

export {
  defaultPlannedCallMinutes,
  derivedSourceKinds,
  filterAdvices,
  filterQuestions,
  filterVerdict,
  maxEntryMinutes,
  quadrantOf,
  quadrants,
  timeActivities,
  timeEntryKinds,
  urgentWithinDays,
} from '@keqing/domain';
export type {
  DerivedSourceKind,
  FilterAdvice,
  FilterAnswers,
  FilterQuestion,
  Quadrant,
  TimeActivity,
  TimeEntryKind,
} from '@keqing/domain';

export const taskStatuses = ['open', 'done', 'dropped'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const quadrantSchema = z.enum(quadrants);
const minutesSchema = z.number().int().min(1).max(maxEntryMinutes);

/** The five filter questions' answers; an unanswered question is left out. */
export const filterAnswersSchema = z
  .object({
    mustDo: z.boolean().optional(),
    consequence: z.boolean().optional(),
    wanted: z.boolean().optional(),
    goalRelated: z.boolean().optional(),
    highReturn: z.boolean().optional(),
  } satisfies Record<(typeof filterQuestions)[number], z.ZodOptional<z.ZodBoolean>>)
  .strict();

// ── tasks ──────────────────────────────────────────────────────────────────

export const taskSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  clientId: z.uuid(),
  title: z.string(),
  notes: z.string().nullable(),
  important: z.boolean(),
  urgent: z.boolean(),
  quadrant: quadrantSchema,
  dueDate: isoDate.nullable(),
  estimatedMinutes: z.number().int().nullable(),
  filterAnswers: filterAnswersSchema.nullable(),
  /** What the filter answers suggest (null without answers) */
  filterAdvice: z.enum(filterAdvices).nullable(),
  status: z.enum(taskStatuses),
  completedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskListQuerySchema = listQuerySchema.extend({
  status: z.enum(taskStatuses).optional(),
  quadrant: quadrantSchema.optional(),
  /** Another user's tasks: a manager for a member of their team, admin/compliance anyone */
  ownerId: z.uuid().optional(),
});

/** POST /api/tasks — the owner is the caller; the same clientId again answers the stored task (200). */
export const createTaskSchema = z.object({
  clientId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  notes: z.string().trim().max(2000).nullish(),
  important: z.boolean(),
  urgent: z.boolean(),
  dueDate: isoDate.nullish(),
  estimatedMinutes: minutesSchema.nullish(),
  filterAnswers: filterAnswersSchema.nullish(),
});

/** PATCH /api/tasks/:id — owner only; `status` done/dropped sets completedAt, open clears it. */
export const updateTaskSchema = z.object({
  version: versionSchema,
  title: z.string().trim().min(1).max(200).optional(),
  notes: z.string().trim().max(2000).nullish(),
  important: z.boolean().optional(),
  urgent: z.boolean().optional(),
  dueDate: isoDate.nullish(),
  estimatedMinutes: minutesSchema.nullish(),
  filterAnswers: filterAnswersSchema.nullish(),
  status: z.enum(taskStatuses).optional(),
});

// ── the matrix ─────────────────────────────────────────────────────────────

export const taskMatrixQuerySchema = z.object({
  ownerId: z.uuid().optional(),
  /** The day the urgency is judged on (default today in China) */
  date: isoDate.optional(),
});

/** A follow-up 跟进 or a care date 关怀 (birthday, work anniversary …) shown in the matrix beside the tasks. */
export const derivedMatrixItemSchema = z.object({
  source: z.enum(derivedSourceKinds),
  /** follow_ups.id; care_dates.id; the doctor's id for a birthday */
  id: z.uuid(),
  /** birthday | workAnniversary | familyEvent | other for a care date; null for a follow-up */
  careKind: z.string().nullable(),
  title: z.string(),
  dueDate: isoDate,
  overdue: z.boolean(),
  urgent: z.boolean(),
  quadrant: quadrantSchema,
  doctorId: z.uuid(),
  doctorName: z.string(),
  /** Where the web app opens it */
  link: z.string(),
});
export type DerivedMatrixItem = z.infer<typeof derivedMatrixItemSchema>;

export const taskMatrixSchema = z.object({
  ownerId: z.uuid(),
  date: isoDate,
  /** A derived item is urgent when due within this many days or overdue */
  urgentWithinDays: z.number().int(),
  /** Care dates are shown up to this day */
  careUntil: isoDate,
  quadrants: z.array(
    z.object({
      quadrant: quadrantSchema,
      count: z.number().int(),
      tasks: z.array(taskSchema),
      derived: z.array(derivedMatrixItemSchema),
    }),
  ),
});
export type TaskMatrix = z.infer<typeof taskMatrixSchema>;

// ── time entries 时间记录 ──────────────────────────────────────────────────

export const timeEntrySchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  clientId: z.uuid(),
  date: isoDate,
  activity: z.enum(timeActivities),
  kind: z.enum(timeEntryKinds),
  minutes: z.number().int(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

export const timeEntryListQuerySchema = listQuerySchema.extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  ownerId: z.uuid().optional(),
});

/** POST /api/time-entries — idempotent on clientId; an actual entry cannot be in the future. */
export const createTimeEntrySchema = z.object({
  clientId: z.uuid(),
  date: isoDate,
  activity: z.enum(timeActivities),
  kind: z.enum(timeEntryKinds).default('actual'),
  minutes: minutesSchema,
  note: z.string().trim().max(500).nullish(),
});

export const updateTimeEntrySchema = z.object({
  version: versionSchema,
  date: isoDate.optional(),
  activity: z.enum(timeActivities).optional(),
  kind: z.enum(timeEntryKinds).optional(),
  minutes: minutesSchema.optional(),
  note: z.string().trim().max(500).nullish(),
});

// ── weekly review 周回顾 ───────────────────────────────────────────────────

export const timeReviewQuerySchema = z.object({
  /** Any day of the week (moved to its Monday); default this week */
  weekStart: isoDate.optional(),
  ownerId: z.uuid().optional(),
});

export const timeReviewSchema = z.object({
  ownerId: z.uuid(),
  weekStart: isoDate,
  weekEnd: isoDate,
  activities: z.array(
    z.object({
      activity: z.enum(timeActivities),
      plannedMinutes: z.number().int(),
      actualMinutes: z.number().int(),
      gapMinutes: z.number().int(),
      plannedSharePct: z.number().nullable(),
      actualSharePct: z.number().nullable(),
    }),
  ),
  plannedTotal: z.number().int(),
  actualTotal: z.number().int(),
  biggestGaps: z.array(z.enum(timeActivities)),
  /** Where the call minutes came from */
  calls: z.object({
    loggedPlannedMinutes: z.number().int(),
    plannedCallsMinutes: z.number().int(),
    plannedCallsCount: z.number().int(),
    loggedActualMinutes: z.number().int(),
    submittedCallsMinutes: z.number().int(),
    submittedCallsCount: z.number().int(),
  }),
  /** Tasks completed (done) in the week by quadrant */
  tasksDone: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int() }),
  tasksDropped: z.number().int(),
});
export type TimeReview = z.infer<typeof timeReviewSchema>;

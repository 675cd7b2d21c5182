/**
 * 日报/周报 daily and weekly reports: the API contract. A rep's daily report is drafted from the day's calls, care
 * actions, follow-ups done and plan deviations 计划偏差 (each with a reason code); the rep adds highlights 亮点,
 * problems 问题 and requests for help 求助; the manager reads, comments 批注 and asks 提问; the rep answers.
 */
import { z } from 'zod';
import { deviationReasons } from '@keqing/domain';
import { booleanQuery, isoDate, listQuerySchema, versionSchema } from './common.ts';

export { deviationReasons } from '@keqing/domain';
export type { DeviationReason } from '@keqing/domain';

export const dailyReportStatuses = ['draft', 'submitted'] as const;
export type DailyReportStatus = (typeof dailyReportStatuses)[number];
export const reportCommentKinds = ['comment', 'question', 'answer'] as const;
export type ReportCommentKind = (typeof reportCommentKinds)[number];

const textSchema = z.string().trim().max(2000);
const deviationReasonSchema = z.enum(deviationReasons);

export const summaryCallSchema = z.object({
  id: z.string(),
  doctorId: z.string(),
  doctorName: z.string(),
  hospitalName: z.string(),
  type: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  objectives: z.array(z.string()),
  minutes: z.number().int(),
  plannedCallId: z.string().nullable(),
});

export const dailyCountsSchema = z.object({
  planned: z.number().int(),
  plannedDone: z.number().int(),
  calls: z.number().int(),
  unplannedCalls: z.number().int(),
  callMinutes: z.number().int(),
  careActions: z.number().int(),
  followUpsDone: z.number().int(),
  deviations: z.number().int(),
});
export type DailyCounts = z.infer<typeof dailyCountsSchema>;

export const dailySummarySchema = z.object({
  date: isoDate,
  calls: z.array(summaryCallSchema),
  careActions: z.array(
    z.object({
      id: z.string(),
      doctorId: z.string(),
      doctorName: z.string(),
      kind: z.string(),
      valueFen: z.number().int(),
      purpose: z.string(),
    }),
  ),
  followUpsDone: z.array(
    z.object({ id: z.string(), doctorId: z.string(), doctorName: z.string(), title: z.string() }),
  ),
  counts: dailyCountsSchema,
});
export type DailySummaryDto = z.infer<typeof dailySummarySchema>;

export const deviationSchema = z.object({
  plannedCallId: z.string(),
  doctorId: z.string(),
  doctorName: z.string(),
  hospitalName: z.string(),
  halfDay: z.enum(['am', 'pm']),
  reason: deviationReasonSchema.nullable(),
  note: z.string().nullable(),
});
export type DeviationDto = z.infer<typeof deviationSchema>;

/** The rep's reason for a deviation (the rest of the line is drafted by the server). */
export const deviationInputSchema = z.object({
  plannedCallId: z.uuid(),
  reason: deviationReasonSchema.nullable(),
  note: z.string().trim().max(200).nullish(),
});

export const dailyReportSchema = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  date: isoDate,
  status: z.enum(dailyReportStatuses),
  summary: dailySummarySchema,
  deviations: z.array(deviationSchema),
  highlights: z.string().nullable(),
  problems: z.string().nullable(),
  helpRequests: z.string().nullable(),
  submittedAt: z.string().nullable(),
  readAt: z.string().nullable(),
  readBy: z.uuid().nullable(),
  readByName: z.string().nullable(),
  commentCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DailyReport = z.infer<typeof dailyReportSchema>;

export const dailyReportAmendmentSchema = z.object({
  id: z.uuid(),
  reportId: z.uuid(),
  /** field → { before, after } */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  reason: z.string(),
  actorId: z.uuid(),
  actorName: z.string(),
  createdAt: z.string(),
});
export type DailyReportAmendment = z.infer<typeof dailyReportAmendmentSchema>;

export const dailyReportDetailSchema = dailyReportSchema.extend({
  amendments: z.array(dailyReportAmendmentSchema),
});
export type DailyReportDetail = z.infer<typeof dailyReportDetailSchema>;

export const dailyReportListQuerySchema = listQuerySchema.extend({
  ownerId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(dailyReportStatuses).optional(),
  /** Submitted reports the manager has not marked read */
  unread: booleanQuery.optional(),
});

export const dailyReportDraftQuerySchema = z.object({ date: isoDate.optional() });

/** The caller's day: drafted from the records, merged with the saved report if there is one. */
export const dailyReportDraftSchema = z.object({
  date: isoDate,
  ownerId: z.uuid(),
  reportId: z.uuid().nullable(),
  status: z.enum(['unsaved', ...dailyReportStatuses]),
  version: z.number().int().nullable(),
  summary: dailySummarySchema,
  deviations: z.array(deviationSchema),
  highlights: z.string().nullable(),
  problems: z.string().nullable(),
  helpRequests: z.string().nullable(),
});
export type DailyReportDraft = z.infer<typeof dailyReportDraftSchema>;

const reportTextFields = {
  highlights: textSchema.nullish(),
  problems: textSchema.nullish(),
  helpRequests: textSchema.nullish(),
};

/** Save the day's draft (owner × date: a second save answers the stored report). */
export const createDailyReportSchema = z.object({
  date: isoDate,
  deviations: z.array(deviationInputSchema).max(200).default([]),
  ...reportTextFields,
});

export const updateDailyReportSchema = z.object({
  version: versionSchema,
  deviations: z.array(deviationInputSchema).max(200).optional(),
  ...reportTextFields,
});

export const submitDailyReportSchema = z.object({ version: versionSchema });

/** A change after submission, with why (audited). */
export const amendDailyReportSchema = z.object({
  version: versionSchema,
  reason: z.string().trim().min(1).max(500),
  changes: z
    .object({
      deviations: z.array(deviationInputSchema).max(200).optional(),
      ...reportTextFields,
    })
    .strict(),
});

export const reportCommentSchema = z.object({
  id: z.uuid(),
  reportId: z.uuid(),
  authorId: z.uuid(),
  authorName: z.string(),
  kind: z.enum(reportCommentKinds),
  body: z.string(),
  createdAt: z.string(),
});
export type ReportComment = z.infer<typeof reportCommentSchema>;

export const createReportCommentSchema = z.object({
  clientId: z.uuid(),
  /** Default: comment for the manager, answer for the report's author */
  kind: z.enum(reportCommentKinds).optional(),
  body: z.string().trim().min(1).max(2000),
});

export const teamDayQuerySchema = z.object({ date: isoDate.optional(), teamId: z.uuid().optional() });

export const teamDayRepSchema = z.object({
  ownerId: z.uuid(),
  ownerName: z.string(),
  status: z.enum(['missing', ...dailyReportStatuses]),
  reportId: z.uuid().nullable(),
  counts: dailyCountsSchema,
  deviations: z.array(deviationSchema),
  highlights: z.string().nullable(),
  problems: z.string().nullable(),
  helpRequests: z.string().nullable(),
  readAt: z.string().nullable(),
  commentCount: z.number().int(),
  /** Comments and answers on the report the caller has not read yet */
  unreadComments: z.number().int(),
  version: z.number().int().nullable(),
});
export type TeamDayRep = z.infer<typeof teamDayRepSchema>;

export const teamDaySchema = z.object({
  date: isoDate,
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  teamId: z.uuid().nullable(),
  reps: z.array(teamDayRepSchema),
});
export type TeamDay = z.infer<typeof teamDaySchema>;

export const weeklyReportQuerySchema = z.object({
  ownerId: z.uuid().optional(),
  /** Any day of the week; the Monday is used */
  week: isoDate.optional(),
});

const weekFigures = {
  planned: z.number().int(),
  plannedDone: z.number().int(),
  calls: z.number().int(),
  callMinutes: z.number().int(),
  careActions: z.number().int(),
  followUpsDone: z.number().int(),
  deviations: z.number().int(),
  doneRate: z.number().int().nullable(),
};

export const weeklyReportSchema = z.object({
  ownerId: z.uuid(),
  ownerName: z.string(),
  weekStart: isoDate,
  weekEnd: isoDate,
  days: z.array(
    z.object({
      date: isoDate,
      status: z.enum(['missing', ...dailyReportStatuses]),
      reportId: z.uuid().nullable(),
      ...weekFigures,
    }),
  ),
  totals: z.object({ ...weekFigures, submittedDays: z.number().int(), missingDays: z.number().int() }),
  deviationsByReason: z.record(z.string(), z.number().int()),
  highlights: z.array(z.object({ date: isoDate, text: z.string() })),
});
export type WeeklyReport = z.infer<typeof weeklyReportSchema>;

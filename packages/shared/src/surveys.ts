/**
 * API contract of satisfaction surveys 满意度调查 (seed 002): templates per audience with the three fixed dimensions
 * 价格/疗效/服务 (1–5) plus custom questions; one-time links answered without signing in; results per customer and
 * monthly trends.
 */
import { z } from 'zod';
import {
  surveyAudiences,
  surveyQuestionTypes,
  type SurveyAudience,
  type SurveyQuestionType,
} from '@keqing/domain';
import { booleanQuery, isoDate, listQuerySchema, versionSchema } from './common.ts';

export { surveyAudiences, surveyDimensions, surveyQuestionTypes, surveyValidDays } from '@keqing/domain';
export type { SurveyAudience, SurveyDimension, SurveyMonth, SurveyQuestion } from '@keqing/domain';

const audienceSchema = z.enum(surveyAudiences as unknown as [SurveyAudience, ...SurveyAudience[]]);

export const surveyQuestionSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  text: z.string().trim().min(1).max(200),
  type: z.enum(surveyQuestionTypes as unknown as [SurveyQuestionType, ...SurveyQuestionType[]]),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(50)).max(10).optional(),
});

export const surveyTemplateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  audience: audienceSchema,
  questions: z.array(surveyQuestionSchema),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SurveyTemplate = z.infer<typeof surveyTemplateSchema>;

/** POST /api/survey-templates (admin, manager) */
export const createSurveyTemplateSchema = z.object({
  name: z.string().trim().min(1).max(60),
  audience: audienceSchema,
  questions: z.array(surveyQuestionSchema).max(20).default([]),
  active: z.boolean().default(true),
});
/** PATCH /api/survey-templates/:id — the audience stays (sent surveys keep their meaning) */
export const updateSurveyTemplateSchema = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  questions: z.array(surveyQuestionSchema).max(20).optional(),
  active: z.boolean().optional(),
  version: versionSchema,
});
export const surveyTemplateListQuerySchema = listQuerySchema.extend({
  audience: audienceSchema.optional(),
  active: booleanQuery.optional(),
});

export const surveyInvitationSchema = z.object({
  id: z.uuid(),
  templateId: z.uuid(),
  templateName: z.string(),
  audience: audienceSchema,
  doctorId: z.uuid().nullable(),
  doctorName: z.string().nullable(),
  hospitalName: z.string().nullable(),
  channelCustomerId: z.uuid().nullable(),
  channelCustomerName: z.string().nullable(),
  sentById: z.uuid(),
  sentByName: z.string(),
  sentAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
  expired: z.boolean(),
  priceScore: z.number().int().nullable(),
  efficacyScore: z.number().int().nullable(),
  serviceScore: z.number().int().nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  comment: z.string().nullable(),
});
export type SurveyInvitation = z.infer<typeof surveyInvitationSchema>;

/** POST /api/survey-invitations — exactly one recipient, in the sender's scope, of the template's audience. */
export const createSurveyInvitationSchema = z.object({
  templateId: z.uuid(),
  doctorId: z.uuid().nullable().optional(),
  channelCustomerId: z.uuid().nullable().optional(),
});
/** The new invitation and its link (`/s/<token>`), shown this once: only the token's sha256 is stored. */
export const sentSurveySchema = surveyInvitationSchema.extend({ link: z.string(), token: z.string() });
export type SentSurvey = z.infer<typeof sentSurveySchema>;

export const surveyInvitationListQuerySchema = listQuerySchema.extend({
  doctorId: z.uuid().optional(),
  channelCustomerId: z.uuid().optional(),
  answered: booleanQuery.optional(),
});

/** GET /api/survey-results — averages per month of the three dimensions and the answers (newest first). */
export const surveyResultsQuerySchema = z.object({
  doctorId: z.uuid().optional(),
  channelCustomerId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const monthSchema = z.object({
  month: z.string(),
  answers: z.number().int(),
  price: z.number(),
  efficacy: z.number(),
  service: z.number(),
});
export const surveyResultsSchema = z.object({
  answered: z.number().int(),
  average: z.object({ price: z.number(), efficacy: z.number(), service: z.number() }).nullable(),
  months: z.array(monthSchema),
  /** At most 200, newest first */
  answers: z.array(surveyInvitationSchema),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

// ── Public (no sign-in) ──────────────────────────────────────────────────────

export const surveyTokenParamsSchema = z.object({ token: z.string().min(20).max(100) });

/** GET /api/public/surveys/:token — only what the page needs: no other personal data. */
export const publicSurveySchema = z.object({
  templateName: z.string(),
  audience: audienceSchema,
  recipientName: z.string(),
  questions: z.array(surveyQuestionSchema),
});
export type PublicSurvey = z.infer<typeof publicSurveySchema>;

const scoreSchema = z.number().int().min(1).max(5);
/** POST /api/public/surveys/:token */
export const answerSurveySchema = z.object({
  priceScore: scoreSchema,
  efficacyScore: scoreSchema,
  serviceScore: scoreSchema,
  answers: z.record(z.string().max(30), z.union([z.string().max(1000), z.number()])).default({}),
  comment: z.string().trim().max(1000).nullable().optional(),
});
export type SurveyAnswer = z.infer<typeof answerSurveySchema>;
export const surveyAnsweredSchema = z.object({ answeredAt: z.string() });

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  amendDailyReportSchema,
  createDailyReportSchema,
  createReportCommentSchema,
  dailyReportDetailSchema,
  dailyReportDraftQuerySchema,
  dailyReportDraftSchema,
  dailyReportListQuerySchema,
  dailyReportSchema,
  idParamsSchema,
  listResponseSchema,
  reportCommentSchema,
  submitDailyReportSchema,
  teamDayQuerySchema,
  teamDaySchema,
  updateDailyReportSchema,
  weeklyReportQuerySchema,
  weeklyReportSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createReportsService } from './reports.service.ts';

const tags = ['reports'];

/** 日报/周报 daily and weekly reports */
export function reportsRoutes(deps: { db: Db; now?: () => Date }) {
  const reports = createReportsService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/daily-reports',
      {
        schema: {
          tags,
          summary: '日报 Daily reports the caller may see (own; a manager their team; admin/compliance all)',
          querystring: dailyReportListQuerySchema,
          response: { 200: listResponseSchema(dailyReportSchema) },
        },
      },
      async (request) => reports.findReports(contextOf(request), request.query),
    );
    r.get(
      '/api/daily-reports/draft',
      {
        schema: {
          tags,
          summary: "The caller's day drafted from their records, merged with a saved report",
          querystring: dailyReportDraftQuerySchema,
          response: { 200: dailyReportDraftSchema },
        },
      },
      async (request) => reports.getDraft(contextOf(request), request.query),
    );
    r.get(
      '/api/daily-reports/team-day',
      {
        schema: {
          tags,
          summary:
            "团队日报 The team's day: every rep's report (or missing), deviations with reasons, unread comments",
          querystring: teamDayQuerySchema,
          response: { 200: teamDaySchema },
        },
      },
      async (request) => reports.getTeamDay(contextOf(request), request.query),
    );
    r.post(
      '/api/daily-reports',
      {
        schema: {
          tags,
          summary:
            "Save the caller's daily report as a draft (the same day again answers the stored report, 200)",
          body: createDailyReportSchema,
          response: { 200: dailyReportSchema, 201: dailyReportSchema },
        },
      },
      async (request, reply) => {
        const { report, created } = await reports.createReport(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(report);
      },
    );
    r.get(
      '/api/daily-reports/:id',
      {
        schema: {
          tags,
          summary: 'A daily report with its amendments',
          params: idParamsSchema,
          response: { 200: dailyReportDetailSchema },
        },
      },
      async (request) => reports.getReport(contextOf(request), request.params.id),
    );
    r.patch(
      '/api/daily-reports/:id',
      {
        schema: {
          tags,
          summary: 'Change a draft (owner only; re-drafted from the records)',
          params: idParamsSchema,
          body: updateDailyReportSchema,
          response: { 200: dailyReportSchema },
        },
      },
      async (request) => reports.updateReport(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/daily-reports/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit and lock (every deviation needs a reason)',
          params: idParamsSchema,
          body: submitDailyReportSchema,
          response: { 200: dailyReportSchema },
        },
      },
      async (request) => reports.submitReport(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/daily-reports/:id/amend',
      {
        schema: {
          tags,
          summary: 'Amend a submitted report with a reason (amendment row and audit)',
          params: idParamsSchema,
          body: amendDailyReportSchema,
          response: { 200: dailyReportSchema },
        },
      },
      async (request) => reports.amendReport(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/daily-reports/:id/read',
      {
        schema: {
          tags,
          summary: "已阅 The rep's manager (or an admin) marks a submitted report read",
          params: idParamsSchema,
          response: { 200: dailyReportSchema },
        },
      },
      async (request) => reports.markRead(contextOf(request), request.params.id),
    );
    r.get(
      '/api/daily-reports/:id/comments',
      {
        schema: {
          tags,
          summary: 'Comments, questions and answers on a report, oldest first',
          params: idParamsSchema,
          response: { 200: z.object({ items: z.array(reportCommentSchema) }) },
        },
      },
      async (request) => ({ items: await reports.findComments(contextOf(request), request.params.id) }),
    );
    r.post(
      '/api/daily-reports/:id/comments',
      {
        schema: {
          tags,
          summary:
            "批注/提问 by the rep's manager, 回复 by the rep (the same clientId again answers the stored one)",
          params: idParamsSchema,
          body: createReportCommentSchema,
          response: { 200: reportCommentSchema, 201: reportCommentSchema },
        },
      },
      async (request, reply) => {
        const { comment, created } = await reports.createComment(
          contextOf(request),
          request.params.id,
          request.body,
        );
        return reply.status(created ? 201 : 200).send(comment);
      },
    );
    r.get(
      '/api/weekly-reports',
      {
        schema: {
          tags,
          summary: '周报 A week rolled up: plan vs actual per day, deviations by reason, highlights',
          querystring: weeklyReportQuerySchema,
          response: { 200: weeklyReportSchema },
        },
      },
      async (request) => reports.getWeeklyReport(contextOf(request), request.query),
    );
  };
}

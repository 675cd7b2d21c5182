import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  frequencyDoctorQuerySchema,
  frequencyDoctorSchema,
  frequencySummaryQuerySchema,
  frequencySummarySchema,
  idParamsSchema,
  listResponseSchema,
  planningRemindersSchema,
  preCallBriefSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { PlanningInsightsService } from './insights.service.ts';

const tags = ['planning'];

export function planningInsightsRoutes(deps: { insights: PlanningInsightsService }) {
  const { insights } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/frequency/doctors',
      {
        schema: {
          tags,
          summary:
            '拜访频率 Per doctor of a rep: required, planned and done calls this cycle, due date and state (due/overdue list). Sort: state (default), overdueDays, dueDate, lastCallDate, grade, required, planned, done, doctorName',
          querystring: frequencyDoctorQuerySchema,
          response: { 200: listResponseSchema(frequencyDoctorSchema) },
        },
      },
      async (request) => insights.findFrequencyDoctors(contextOf(request), request.query),
    );

    r.get(
      '/api/frequency/summary',
      {
        schema: {
          tags,
          summary:
            '拜访频率达成 Planned vs required vs done by grade and by rep (a rep, a team, or a manager’s teams)',
          querystring: frequencySummaryQuerySchema,
          response: { 200: frequencySummarySchema },
        },
      },
      async (request) => insights.frequencySummary(contextOf(request), request.query),
    );

    r.get(
      '/api/doctors/:id/pre-call-brief',
      {
        schema: {
          tags,
          summary:
            '访前准备 Pre-call brief: profile, personality tip, scores and ladder step, last call, open follow-ups, care dates',
          params: idParamsSchema,
          response: { 200: preCallBriefSchema },
        },
      },
      async (request) => insights.preCallBrief(contextOf(request), request.params.id),
    );

    r.get(
      '/api/planning/reminders',
      {
        schema: {
          tags,
          summary:
            "提醒 The caller's planning reminders: next week still empty, today below the daily minimum",
          response: { 200: planningRemindersSchema },
        },
      },
      async (request) => insights.reminders(contextOf(request)),
    );
  };
}

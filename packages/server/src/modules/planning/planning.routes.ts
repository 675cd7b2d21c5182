import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  calendarQuerySchema,
  calendarSchema,
  createCyclePlanSchema,
  createPlannedCallSchema,
  cyclePlanListQuerySchema,
  cyclePlanSchema,
  generateCyclePlanSchema,
  idParamsSchema,
  listResponseSchema,
  plannedCallListQuerySchema,
  plannedCallSchema,
  plannedCallWriteResultSchema,
  planningSettingsSchema,
  saveWeeklyPlanSchema,
  updateCyclePlanSchema,
  updatePlannedCallSchema,
  weeklyPlanListQuerySchema,
  weeklyPlanSchema,
  weekStartParamsSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { PlanningService } from './planning.service.ts';

const tags = ['planning'];

export function planningRoutes(deps: { planning: PlanningService }) {
  const { planning } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── 计划设置 settings ──
    r.get(
      '/api/planning/settings',
      {
        schema: {
          tags,
          summary: '计划设置 Planning settings in force (cycle, calls per day, objectives, entry window)',
          response: { 200: planningSettingsSchema },
        },
      },
      async () => planning.getSettings(),
    );
    r.put(
      '/api/planning/settings',
      {
        schema: {
          tags,
          summary: 'Save the planning settings as a new version (admin)',
          body: planningSettingsSchema,
          response: { 200: planningSettingsSchema },
        },
      },
      async (request) => planning.saveSettings(contextOf(request), request.body),
    );

    // ── 周期计划 cycle plans ──
    r.get(
      '/api/cycle-plans',
      {
        schema: {
          tags,
          summary: '周期计划 Cycle plans in scope (filter by owner, or the cycle containing a date)',
          querystring: cyclePlanListQuerySchema,
          response: { 200: listResponseSchema(cyclePlanSchema) },
        },
      },
      async (request) => planning.findCyclePlans(contextOf(request), request.query),
    );
    r.get(
      '/api/cycle-plans/:id',
      {
        schema: {
          tags,
          summary: 'One cycle plan',
          params: idParamsSchema,
          response: { 200: cyclePlanSchema },
        },
      },
      async (request) => planning.getCyclePlan(contextOf(request), request.params.id),
    );
    r.post(
      '/api/cycle-plans',
      {
        schema: {
          tags,
          summary:
            "Open the caller's plan of the cycle containing `date` (default today); 409 with details.cyclePlanId when it exists",
          body: createCyclePlanSchema,
          response: { 201: cyclePlanSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await planning.createCyclePlan(contextOf(request), request.body)),
    );
    r.patch(
      '/api/cycle-plans/:id',
      {
        schema: {
          tags,
          summary: 'Edit a cycle plan: days per hospital, departments/doctors to develop, activities (owner)',
          params: idParamsSchema,
          body: updateCyclePlanSchema,
          response: { 200: cyclePlanSchema },
        },
      },
      async (request) => planning.updateCyclePlan(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/cycle-plans/:id/generate',
      {
        schema: {
          tags,
          summary:
            '(Re)generate the plan from today on, keeping locked, manual, done and past calls (owner; deterministic)',
          params: idParamsSchema,
          body: generateCyclePlanSchema,
          response: { 200: cyclePlanSchema },
        },
      },
      async (request) => planning.generateCyclePlan(contextOf(request), request.params.id, request.body),
    );

    // ── 计划拜访 planned calls ──
    r.get(
      '/api/planned-calls',
      {
        schema: {
          tags,
          summary: '计划拜访 Planned calls in scope, by date and half-day',
          querystring: plannedCallListQuerySchema,
          response: { 200: listResponseSchema(plannedCallSchema) },
        },
      },
      async (request) => planning.findPlannedCalls(contextOf(request), request.query),
    );
    r.get(
      '/api/planned-calls/:id',
      {
        schema: {
          tags,
          summary: 'One planned call',
          params: idParamsSchema,
          response: { 200: plannedCallSchema },
        },
      },
      async (request) => planning.getPlannedCall(contextOf(request), request.params.id),
    );
    r.post(
      '/api/planned-calls',
      {
        schema: {
          tags,
          summary: "Add a call by hand to the caller's plan of that date's cycle (opened when missing)",
          body: createPlannedCallSchema,
          response: { 201: plannedCallWriteResultSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await planning.createPlannedCall(contextOf(request), request.body)),
    );
    r.patch(
      '/api/planned-calls/:id',
      {
        schema: {
          tags,
          summary:
            'Move (date, halfDay), lock/unlock, cancel or edit a planned call (owner; send the version)',
          params: idParamsSchema,
          body: updatePlannedCallSchema,
          response: { 200: plannedCallWriteResultSchema },
        },
      },
      async (request) => planning.updatePlannedCall(contextOf(request), request.params.id, request.body),
    );
    r.delete(
      '/api/planned-calls/:id',
      { schema: { tags, summary: 'Delete a planned call not yet made (owner)', params: idParamsSchema } },
      async (request, reply) => {
        await planning.deletePlannedCall(contextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    // ── 日历 calendar ──
    r.get(
      '/api/planning/calendar',
      {
        schema: {
          tags,
          summary: "日历 One rep's days, planned and logged calls (≤ 42 days; default the caller)",
          querystring: calendarQuerySchema,
          response: { 200: calendarSchema },
        },
      },
      async (request) => planning.getCalendar(contextOf(request), request.query),
    );

    // ── 周计划 weekly plans ──
    r.get(
      '/api/weekly-plans',
      {
        schema: {
          tags,
          summary: '周计划 Weekly plans in scope',
          querystring: weeklyPlanListQuerySchema,
          response: { 200: listResponseSchema(weeklyPlanSchema) },
        },
      },
      async (request) => planning.findWeeklyPlans(contextOf(request), request.query),
    );
    r.put(
      '/api/weekly-plans/:weekStart',
      {
        schema: {
          tags,
          summary: "Save the caller's plan of the week starting on that Monday; `submit: true` submits it",
          params: weekStartParamsSchema,
          body: saveWeeklyPlanSchema,
          response: { 200: weeklyPlanSchema },
        },
      },
      async (request) => planning.saveWeeklyPlan(contextOf(request), request.params.weekStart, request.body),
    );
  };
}

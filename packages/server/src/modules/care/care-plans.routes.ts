import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  annualTotalSchema,
  annualTotalsQuerySchema,
  careActionListQuerySchema,
  careActionSchema,
  carePlanFeedbackSchema,
  carePlanListQuerySchema,
  carePlanSchema,
  complianceDashboardQuerySchema,
  complianceDashboardSchema,
  createCareActionSchema,
  createCarePlanSchema,
  decideCarePlanSchema,
  idParamsSchema,
  listResponseSchema,
  submitCarePlanSchema,
  updateCarePlanSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import { sendExport } from '../accounts/export-file.ts';
import type { CarePlansService } from './care-plans.service.ts';

const tags = ['care'];
const itemParamsSchema = z.object({ id: z.uuid(), itemId: z.uuid() });

/**
 * Care actions (recorded, never edited or deleted: a correction is a new action, the audit log keeps both), care
 * plans with approval, and the compliance reports. Compliance is read-only here but for plan decisions.
 */
export function carePlansRoutes(deps: { carePlans: CarePlansService }) {
  const { carePlans } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── Care actions 关怀行动 ──
    r.get(
      '/api/care-actions',
      {
        schema: {
          tags,
          summary: '关怀行动 Care actions (a rep: own and on their doctors; a manager: the team’s)',
          querystring: careActionListQuerySchema,
          response: { 200: listResponseSchema(careActionSchema) },
        },
      },
      async (request) => carePlans.findActions(contextOf(request), request.query),
    );
    r.get(
      '/api/care-actions/:id',
      {
        schema: {
          tags,
          summary: 'One care action',
          params: idParamsSchema,
          response: { 200: careActionSchema },
        },
      },
      async (request) => carePlans.getAction(contextOf(request), request.params.id),
    );
    r.post(
      '/api/care-actions',
      {
        schema: {
          tags,
          summary:
            'Record a care action (over a cap or of a kind the tier does not allow: only with an approved plan item)',
          body: createCareActionSchema,
          response: { 201: careActionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await carePlans.createAction(contextOf(request), request.body)),
    );

    // ── Care plans 关怀计划 ──
    r.get(
      '/api/care-plans',
      {
        schema: {
          tags,
          summary: '关怀计划 Care plans (awaitingMe: the ones waiting for the caller’s decision)',
          querystring: carePlanListQuerySchema,
          response: { 200: listResponseSchema(carePlanSchema) },
        },
      },
      async (request) => carePlans.findPlans(contextOf(request), request.query),
    );
    r.get(
      '/api/care-plans/:id',
      {
        schema: {
          tags,
          summary: 'One care plan with its items (caps checked now) and approvals',
          params: idParamsSchema,
          response: { 200: carePlanSchema },
        },
      },
      async (request) => carePlans.getPlan(contextOf(request), request.params.id),
    );
    r.post(
      '/api/care-plans',
      {
        schema: {
          tags,
          summary: 'Draft a care plan (one doctor, or a festival campaign)',
          body: createCarePlanSchema,
          response: { 201: carePlanSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await carePlans.createPlan(contextOf(request), request.body)),
    );
    r.patch(
      '/api/care-plans/:id',
      {
        schema: {
          tags,
          summary: 'Change a draft or rejected care plan (the owner; send the version you read)',
          params: idParamsSchema,
          body: updateCarePlanSchema,
          response: { 200: carePlanSchema },
        },
      },
      async (request) => carePlans.updatePlan(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/care-plans/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit a care plan for approval',
          params: idParamsSchema,
          body: submitCarePlanSchema,
          response: { 200: carePlanSchema },
        },
      },
      async (request) => carePlans.submitPlan(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/care-plans/:id/decisions',
      {
        // plan approvals are one of the two writes the read-only compliance role makes
        config: { complianceMayWrite: true },
        schema: {
          tags,
          summary: 'Approve or reject a care plan (the team’s manager, then compliance when over a cap)',
          params: idParamsSchema,
          body: decideCarePlanSchema,
          response: { 200: carePlanSchema },
        },
      },
      async (request) => carePlans.decidePlan(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/care-plans/:id/items/:itemId/feedback',
      {
        schema: {
          tags,
          summary: '反馈单 Record the feedback on an executed plan item',
          params: itemParamsSchema,
          body: carePlanFeedbackSchema,
          response: { 200: carePlanSchema },
        },
      },
      async (request) =>
        carePlans.recordFeedback(contextOf(request), request.params.id, request.params.itemId, request.body),
    );

    // ── Compliance 合规 ──
    r.get(
      '/api/care/annual-totals',
      {
        schema: {
          tags,
          summary: 'Per-doctor care totals for a year, all reps together',
          querystring: annualTotalsQuerySchema,
          response: { 200: listResponseSchema(annualTotalSchema) },
        },
      },
      async (request) => carePlans.annualTotals(contextOf(request), request.query),
    );
    r.get(
      '/api/care/annual-totals/export',
      {
        schema: {
          tags,
          summary: 'The per-doctor annual report as .xlsx for transparency reporting (compliance, admin)',
          querystring: annualTotalsQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await carePlans.exportAnnualTotals(contextOf(request), request.query);
        return sendExport(reply, file);
      },
    );
    r.get(
      '/api/care/compliance-dashboard',
      {
        schema: {
          tags,
          summary: 'Near/over-cap actions, rejected plans, unusual spend, doctors over the year cap',
          querystring: complianceDashboardQuerySchema,
          response: { 200: complianceDashboardSchema },
        },
      },
      async (request) => carePlans.complianceDashboard(contextOf(request), request.query),
    );
  };
}

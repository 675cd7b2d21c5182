import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeCoVisitSchema,
  amendCallSchema,
  callAmendmentSchema,
  callListQuerySchema,
  callSchema,
  callWriteResultSchema,
  coVisitListQuerySchema,
  coVisitSchema,
  createCallSchema,
  createCoVisitSchema,
  followUpListQuerySchema,
  followUpSchema,
  idParamsSchema,
  listResponseSchema,
  submitCallSchema,
  updateCallSchema,
  updateCoVisitSchema,
  updateFollowUpSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { CallsService } from './calls.service.ts';

const tags = ['calls'];

export function callsRoutes(deps: { calls: CallsService }) {
  const { calls } = deps;
  const { followUps, coVisits } = calls;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── call records 拜访记录 ──
    r.get(
      '/api/calls',
      {
        schema: {
          tags,
          summary: "拜访记录 Calls the caller may see (own, the team's, and those on doctors in scope)",
          querystring: callListQuerySchema,
          response: { 200: listResponseSchema(callSchema) },
        },
      },
      async (request) => calls.findCalls(contextOf(request), request.query),
    );
    r.get(
      '/api/calls/:id',
      {
        schema: { tags, summary: 'One call', params: idParamsSchema, response: { 200: callSchema } },
      },
      async (request) => calls.getCall(contextOf(request), request.params.id),
    );
    r.post(
      '/api/calls',
      {
        schema: {
          tags,
          summary: 'Log a call (draft, or submit at once); a repeated clientId answers the stored call (200)',
          body: createCallSchema,
          response: { 200: callWriteResultSchema, 201: callWriteResultSchema },
        },
      },
      async (request, reply) => {
        const { created, result } = await calls.createCall(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(result);
      },
    );
    r.patch(
      '/api/calls/:id',
      {
        schema: {
          tags,
          summary: 'Change a draft of your own (send the version you read)',
          params: idParamsSchema,
          body: updateCallSchema,
          response: { 200: callWriteResultSchema },
        },
      },
      async (request) => calls.updateCall(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/calls/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit and lock a draft: planned call done, next step → follow-up, scores → history',
          params: idParamsSchema,
          body: submitCallSchema,
          response: { 200: callWriteResultSchema },
        },
      },
      async (request) => calls.submitCall(contextOf(request), request.params.id, request.body),
    );
    r.delete(
      '/api/calls/:id',
      { schema: { tags, summary: 'Delete a draft of your own', params: idParamsSchema } },
      async (request, reply) => {
        await calls.deleteCall(contextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    r.post(
      '/api/calls/:id/amendments',
      {
        schema: {
          tags,
          summary: 'Correct a submitted call (reason required; before/after kept)',
          params: idParamsSchema,
          body: amendCallSchema,
          response: { 200: callWriteResultSchema },
        },
      },
      async (request) => calls.amendCall(contextOf(request), request.params.id, request.body),
    );
    r.get(
      '/api/calls/:id/amendments',
      {
        schema: {
          tags,
          summary: "A call's amendments, newest first",
          params: idParamsSchema,
          response: { 200: z.object({ items: z.array(callAmendmentSchema) }) },
        },
      },
      async (request) => calls.findAmendments(contextOf(request), request.params.id),
    );

    // ── follow-ups 跟进任务 ──
    r.get(
      '/api/follow-ups',
      {
        schema: {
          tags,
          summary: '跟进任务 Follow-ups of the caller (a manager: and the team), soonest due first',
          querystring: followUpListQuerySchema,
          response: { 200: listResponseSchema(followUpSchema) },
        },
      },
      async (request) => followUps.findFollowUps(contextOf(request), request.query),
    );
    r.patch(
      '/api/follow-ups/:id',
      {
        schema: {
          tags,
          summary: 'Resolve (done / not done), reopen or reschedule your follow-up',
          params: idParamsSchema,
          body: updateFollowUpSchema,
          response: { 200: followUpSchema },
        },
      },
      async (request) => followUps.updateFollowUp(contextOf(request), request.params.id, request.body),
    );

    // ── co-visits 协访 ──
    r.get(
      '/api/co-visits',
      {
        schema: {
          tags,
          summary: '协访 Co-visits on the caller (rep) or written by / on the team of the caller (manager)',
          querystring: coVisitListQuerySchema,
          response: { 200: listResponseSchema(coVisitSchema) },
        },
      },
      async (request) => coVisits.findCoVisits(contextOf(request), request.query),
    );
    r.get(
      '/api/co-visits/:id',
      {
        schema: { tags, summary: 'One co-visit', params: idParamsSchema, response: { 200: coVisitSchema } },
      },
      async (request) => coVisits.getCoVisit(contextOf(request), request.params.id),
    );
    r.post(
      '/api/co-visits',
      {
        schema: {
          tags,
          summary: 'Coach a submitted call of a rep in a team you lead (managers)',
          body: createCoVisitSchema,
          response: { 201: coVisitSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await coVisits.createCoVisit(contextOf(request), request.body)),
    );
    r.patch(
      '/api/co-visits/:id',
      {
        schema: {
          tags,
          summary: 'Change your co-visit before the rep acknowledges it',
          params: idParamsSchema,
          body: updateCoVisitSchema,
          response: { 200: coVisitSchema },
        },
      },
      async (request) => coVisits.updateCoVisit(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/co-visits/:id/acknowledge',
      {
        schema: {
          tags,
          summary: 'The coached rep acknowledges the co-visit',
          params: idParamsSchema,
          body: acknowledgeCoVisitSchema,
          response: { 200: coVisitSchema },
        },
      },
      async (request) => coVisits.acknowledgeCoVisit(contextOf(request), request.params.id, request.body),
    );
  };
}

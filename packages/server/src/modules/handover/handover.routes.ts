import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  completeHandoverSchema,
  createHandoverSchema,
  handoverListQuerySchema,
  handoverPreviewSchema,
  handoverSchema,
  idParamsSchema,
  listResponseSchema,
  orphanListSchema,
  updateHandoverSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createHandoverService } from './handover.service.ts';

const tags = ['handover'];

/** 交接 hand-over: the wizard that passes a leaver's territories and open records on, and the orphan check */
export function handoverRoutes(deps: { db: Db; now?: () => Date }) {
  const handover = createHandoverService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/handovers',
      {
        schema: {
          tags,
          summary: '交接 Hand-overs (admin, compliance; a manager those of their team)',
          querystring: handoverListQuerySchema,
          response: { 200: listResponseSchema(handoverSchema) },
        },
      },
      async (request) => handover.findHandovers(contextOf(request), request.query),
    );
    r.post(
      '/api/handovers',
      {
        schema: {
          tags,
          summary: 'A hand-over draft for a leaving rep or manager (admin)',
          body: createHandoverSchema,
          response: { 201: handoverSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await handover.createHandover(contextOf(request), request.body)),
    );
    r.get(
      '/api/handovers/:id',
      {
        schema: { tags, summary: 'One hand-over', params: idParamsSchema, response: { 200: handoverSchema } },
      },
      async (request) => handover.getHandover(contextOf(request), request.params.id),
    );
    r.get(
      '/api/handovers/:id/preview',
      {
        schema: {
          tags,
          summary: 'The inventory: territories, key accounts, open records per kind with their successor',
          params: idParamsSchema,
          response: { 200: handoverPreviewSchema },
        },
      },
      async (request) => handover.previewHandover(contextOf(request), request.params.id),
    );
    r.patch(
      '/api/handovers/:id',
      {
        schema: {
          tags,
          summary: 'Plan, notes per key account, effective date of a draft (admin, versioned)',
          params: idParamsSchema,
          body: updateHandoverSchema,
          response: { 200: handoverSchema },
        },
      },
      async (request) => handover.updateHandover(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/handovers/:id/complete',
      {
        schema: {
          tags,
          summary: 'Carries the hand-over out in one transaction (admin)',
          params: idParamsSchema,
          body: completeHandoverSchema,
          response: { 200: handoverSchema },
        },
      },
      async (request) =>
        handover.completeHandover(contextOf(request), request.params.id, request.body.version),
    );
    r.post(
      '/api/handovers/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancels a draft (admin)',
          params: idParamsSchema,
          body: completeHandoverSchema,
          response: { 200: handoverSchema },
        },
      },
      async (request) => handover.cancelHandover(contextOf(request), request.params.id, request.body.version),
    );
    r.get(
      '/api/admin/orphans',
      {
        schema: {
          tags,
          summary: '孤儿 Open records and territories held by deactivated users (admin, compliance)',
          response: { 200: orphanListSchema },
        },
      },
      async (request) => handover.findOrphans(contextOf(request)),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createPipelineSchema,
  idParamsSchema,
  listResponseSchema,
  movePipelineStageSchema,
  pipelineBoardQuerySchema,
  pipelineBoardSchema,
  pipelineDetailSchema,
  pipelineItemSchema,
  pipelineListQuerySchema,
  updatePipelineSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createPipelineService } from './pipeline.service.ts';

const tags = ['pipeline'];

/** 进药 pipeline */
export function pipelineRoutes(deps: { db: Db; now?: () => Date }) {
  const pipelines = createPipelineService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/pipelines',
      {
        schema: {
          tags,
          summary:
            '进药流程 Pipelines at the hospitals the caller sees (filters: hospital, product, owner, team, stage, stalled)',
          querystring: pipelineListQuerySchema,
          response: { 200: listResponseSchema(pipelineItemSchema) },
        },
      },
      async (request) => pipelines.findPipelines(contextOf(request), request.query),
    );
    r.get(
      '/api/pipelines/board',
      {
        schema: {
          tags,
          summary: '进药看板 Open pipelines per stage with conversion, time in stage and stalled count',
          querystring: pipelineBoardQuerySchema,
          response: { 200: pipelineBoardSchema },
        },
      },
      async (request) => pipelines.getBoard(contextOf(request), request.query),
    );
    r.get(
      '/api/pipelines/:id',
      {
        schema: {
          tags,
          summary: 'A pipeline with its people, documents and stage history',
          params: idParamsSchema,
          response: { 200: pipelineDetailSchema },
        },
      },
      async (request) => pipelines.getPipeline(contextOf(request), request.params.id),
    );
    r.post(
      '/api/pipelines',
      {
        schema: {
          tags,
          summary: 'Start a pipeline for a hospital × product (one each; 409 when it exists)',
          body: createPipelineSchema,
          response: { 201: pipelineDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await pipelines.createPipeline(contextOf(request), request.body)),
    );
    r.patch(
      '/api/pipelines/:id',
      {
        schema: {
          tags,
          summary: 'Change people, documents, next action, notes or close it (versioned)',
          params: idParamsSchema,
          body: updatePipelineSchema,
          response: { 200: pipelineDetailSchema },
        },
      },
      async (request) => pipelines.updatePipeline(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/pipelines/:id/stage',
      {
        schema: {
          tags,
          summary:
            'Move to another stage (skip, back or restart need a reason); listed stages update the listing',
          params: idParamsSchema,
          body: movePipelineStageSchema,
          response: { 200: pipelineDetailSchema },
        },
      },
      async (request) => pipelines.moveStage(contextOf(request), request.params.id, request.body),
    );
  };
}

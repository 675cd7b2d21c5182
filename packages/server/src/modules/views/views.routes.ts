import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createSavedViewSchema,
  idParamsSchema,
  listResponseSchema,
  savedViewListQuerySchema,
  savedViewSchema,
  updateSavedViewSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { ViewsService } from './views.service.ts';

const tags = ['views'];
/** A saved view is the user's own preference, not business data: the read-only auditor keeps views too. */
const config = { complianceMayWrite: true };

export function viewsRoutes(deps: { views: ViewsService }) {
  const { views } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/api/saved-views',
      {
        schema: {
          tags,
          summary: "保存的视图 The caller's saved list views",
          querystring: savedViewListQuerySchema,
          response: { 200: listResponseSchema(savedViewSchema) },
        },
      },
      async (request) => views.findViews(contextOf(request), request.query),
    );
    r.get(
      '/api/saved-views/:id',
      {
        schema: {
          tags,
          summary: 'One of the caller’s saved views',
          params: idParamsSchema,
          response: { 200: savedViewSchema },
        },
      },
      async (request) => views.getView(contextOf(request), request.params.id),
    );
    r.post(
      '/api/saved-views',
      {
        config,
        schema: {
          tags,
          summary: 'Save a list view',
          body: createSavedViewSchema,
          response: { 201: savedViewSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await views.createView(contextOf(request), request.body)),
    );
    r.patch(
      '/api/saved-views/:id',
      {
        config,
        schema: {
          tags,
          summary: 'Rename or change a saved view (send the version you read)',
          params: idParamsSchema,
          body: updateSavedViewSchema,
          response: { 200: savedViewSchema },
        },
      },
      async (request) => views.updateView(contextOf(request), request.params.id, request.body),
    );
    r.delete(
      '/api/saved-views/:id',
      { config, schema: { tags, summary: 'Delete a saved view', params: idParamsSchema } },
      async (request, reply) => {
        await views.deleteView(contextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}

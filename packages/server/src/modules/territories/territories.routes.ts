import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  assignTerritorySchema,
  createTerritorySchema,
  idParamsSchema,
  territoryDetailSchema,
  territoryListQuerySchema,
  territorySchema,
  updateTerritorySchema,
} from '@keqing/shared';
import { registerCollection } from '../../http/collection-routes.ts';
import { contextOf } from '../../http/route-context.ts';
import type { TerritoriesService } from './territories.service.ts';

export function territoriesRoutes(deps: { territories: TerritoriesService }) {
  const { territories } = deps;
  return async function (app: FastifyInstance) {
    registerCollection(app, {
      path: '/api/territories',
      tag: 'territories',
      label: '辖区 Territory',
      item: territorySchema,
      detail: territoryDetailSchema,
      listQuery: territoryListQuerySchema,
      list: territories.findTerritories,
      get: territories.getTerritory,
      create: { body: createTerritorySchema, run: territories.createTerritory },
      update: { body: updateTerritorySchema, run: territories.updateTerritory },
    });
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/territories/:id/assign',
      {
        schema: {
          tags: ['territories'],
          summary: '重新分配 Reassign a territory to a rep from a date (history kept)',
          params: idParamsSchema,
          body: assignTerritorySchema,
          response: { 200: territoryDetailSchema },
        },
      },
      async (request) => territories.assignTerritory(contextOf(request), request.params.id, request.body),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import {
  areaListQuerySchema,
  areaSchema,
  createAreaSchema,
  createRegionSchema,
  createTeamSchema,
  orgListQuerySchema,
  regionSchema,
  teamListQuerySchema,
  teamSchema,
  updateAreaSchema,
  updateRegionSchema,
  updateTeamSchema,
} from '@keqing/shared';
import { registerCollection } from '../../http/collection-routes.ts';
import type { OrgService } from './org.service.ts';

export function orgRoutes(deps: { org: OrgService }) {
  const { org } = deps;
  return async function (app: FastifyInstance) {
    registerCollection(app, {
      path: '/api/regions',
      tag: 'org',
      label: '大区 Region',
      item: regionSchema,
      listQuery: orgListQuerySchema,
      list: org.findRegions,
      get: org.getRegion,
      create: { body: createRegionSchema, run: org.createRegion },
      update: { body: updateRegionSchema, run: org.updateRegion },
    });
    registerCollection(app, {
      path: '/api/areas',
      tag: 'org',
      label: '地区 Area',
      item: areaSchema,
      listQuery: areaListQuerySchema,
      list: org.findAreas,
      get: org.getArea,
      create: { body: createAreaSchema, run: org.createArea },
      update: { body: updateAreaSchema, run: org.updateArea },
    });
    registerCollection(app, {
      path: '/api/teams',
      tag: 'org',
      label: '团队 Team',
      item: teamSchema,
      listQuery: teamListQuerySchema,
      list: org.findTeams,
      get: org.getTeam,
      create: { body: createTeamSchema, run: org.createTeam },
      update: { body: updateTeamSchema, run: org.updateTeam },
    });
  };
}

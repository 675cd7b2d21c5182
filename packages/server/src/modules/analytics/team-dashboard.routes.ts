import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { teamDashboardQuerySchema, teamDashboardSchema } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { sendExport } from '../accounts/export-file.ts';
import { createTeamDashboardService } from './team-dashboard.service.ts';

const tags = ['dashboards'];

/** 经理看板: a manager's teams (admin and compliance name a team; reps get 403). */
export function teamDashboardRoutes(deps: { db: Db; now?: () => Date }) {
  const team = createTeamDashboardService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/dashboards/team',
      {
        schema: {
          tags,
          summary:
            '经理看板 Per rep of the team: calls per working day vs the norm, coverage and frequency by grade, ' +
            'objectives, ladder/stage moves, attainment, co-visits, overdue follow-ups, channel warnings, outliers; ' +
            'the team total, a 6-period trend and attainment per product. A manager: their teams (teamId one of ' +
            'them); admin/compliance: teamId required; a rep: 403',
          querystring: teamDashboardQuerySchema,
          response: { 200: teamDashboardSchema },
        },
      },
      async (request) => team.getTeamDashboard(contextOf(request), request.query),
    );
    r.get(
      '/api/dashboards/team/export',
      {
        schema: {
          tags,
          summary: 'The team dashboard as .xlsx (代表指标, 按级别覆盖, 趋势, 产品达成)',
          querystring: teamDashboardQuerySchema,
        },
      },
      async (request, reply) =>
        sendExport(reply, await team.exportTeamDashboard(contextOf(request), request.query)),
    );
  };
}

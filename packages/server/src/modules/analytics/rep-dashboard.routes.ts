import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { repDashboardQuerySchema, repDashboardSchema } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { sendExport } from '../accounts/export-file.ts';
import { createRepDashboardService } from './rep-dashboard.service.ts';

const tags = ['dashboards'];

export function repDashboardRoutes(deps: { db: Db; now?: () => Date }) {
  const service = createRepDashboardService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/dashboards/rep',
      {
        schema: {
          tags,
          summary:
            '代表首页 A rep’s dashboard: today’s plan and what is done, overdue follow-ups, due/overdue doctors by grade, care dates, quota attainment, ladder/stage moves, KPIs (a rep: self; a manager: a rep of their teams; admin/compliance: any rep, repId required)',
          querystring: repDashboardQuerySchema,
          response: { 200: repDashboardSchema },
        },
      },
      async (request) => service.dashboard(contextOf(request), request.query),
    );

    r.get(
      '/api/dashboards/rep/export',
      {
        schema: {
          tags,
          summary: '代表首页 The rep dashboard as .xlsx, one sheet per table (audited)',
          querystring: repDashboardQuerySchema,
        },
      },
      async (request, reply) =>
        sendExport(reply, await service.exportDashboard(contextOf(request), request.query)),
    );
  };
}

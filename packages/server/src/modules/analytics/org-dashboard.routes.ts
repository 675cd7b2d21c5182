import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { orgDashboardQuerySchema, orgDashboardSchema } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { sendExport } from '../accounts/export-file.ts';
import type { KpiSnapshots } from './kpi-snapshots.ts';
import { createOrgDashboardService } from './org-dashboard.service.ts';

const tags = ['dashboards'];

/** 区域报表: the region → area → team roll-up (admin and compliance). */
export function orgDashboardRoutes(deps: { db: Db; now?: () => Date; snapshots?: KpiSnapshots }) {
  const org = createOrgDashboardService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/dashboards/org',
      {
        schema: {
          tags,
          summary:
            '区域报表 KPIs summed per region, per area of a region or per team of an area (admin, compliance; ' +
            'a manager gets 403 and uses /api/dashboards/team for their teams). A national roll-up that took ' +
            'over a second to compute is kept and served while younger than KEQING_KPI_SNAPSHOT_MINUTES ' +
            '(freshness says when it was computed); refresh=true computes it now',
          querystring: orgDashboardQuerySchema,
          response: { 200: orgDashboardSchema },
        },
      },
      async (request) => org.getOrgDashboard(contextOf(request), request.query),
    );
    r.get(
      '/api/dashboards/org/export',
      {
        schema: {
          tags,
          summary: 'The current region roll-up as .xlsx (Chinese headers, one sheet per table)',
          querystring: orgDashboardQuerySchema,
        },
      },
      async (request, reply) =>
        sendExport(reply, await org.exportOrgDashboard(contextOf(request), request.query)),
    );
  };
}

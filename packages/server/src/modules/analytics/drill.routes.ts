import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  drillCallSchema,
  drillCallsQuerySchema,
  drillDoctorSchema,
  drillDoctorsQuerySchema,
  drillFollowUpSchema,
  drillFollowUpsQuerySchema,
  listResponseSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { sendExport } from '../accounts/export-file.ts';
import { createDrillService } from './drill.service.ts';

const tags = ['dashboards'];
const who =
  ' Scope: repId or teamId (a rep: themself; a manager: their teams; admin/compliance must name one).';

/** 钻取: the records behind a dashboard figure; a list's total is the figure. */
export function drillRoutes(deps: { db: Db; now?: () => Date }) {
  const drill = createDrillService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/dashboards/drill/doctors',
      {
        schema: {
          tags,
          summary:
            '钻取 Target doctors behind coverage/frequency: state=uncovered|covered|belowFrequency|all, grade.' +
            who,
          querystring: drillDoctorsQuerySchema,
          response: { 200: listResponseSchema(drillDoctorSchema) },
        },
      },
      async (request) => drill.findDoctors(contextOf(request), request.query),
    );
    r.get(
      '/api/dashboards/drill/doctors/export',
      { schema: { tags, summary: 'The drilled doctors as .xlsx', querystring: drillDoctorsQuerySchema } },
      async (request, reply) =>
        sendExport(reply, await drill.exportDoctors(contextOf(request), request.query)),
    );
    r.get(
      '/api/dashboards/drill/calls',
      {
        schema: {
          tags,
          summary: '钻取 Counted calls behind a figure: kind=all|short|burst|fewObjectives.' + who,
          querystring: drillCallsQuerySchema,
          response: { 200: listResponseSchema(drillCallSchema) },
        },
      },
      async (request) => drill.findCalls(contextOf(request), request.query),
    );
    r.get(
      '/api/dashboards/drill/calls/export',
      { schema: { tags, summary: 'The drilled calls as .xlsx', querystring: drillCallsQuerySchema } },
      async (request, reply) => sendExport(reply, await drill.exportCalls(contextOf(request), request.query)),
    );
    r.get(
      '/api/dashboards/drill/follow-ups',
      {
        schema: {
          tags,
          summary: '钻取 Open follow-ups past their due date (as of today).' + who,
          querystring: drillFollowUpsQuerySchema,
          response: { 200: listResponseSchema(drillFollowUpSchema) },
        },
      },
      async (request) => drill.findFollowUps(contextOf(request), request.query),
    );
    r.get(
      '/api/dashboards/drill/follow-ups/export',
      {
        schema: { tags, summary: 'The overdue follow-ups as .xlsx', querystring: drillFollowUpsQuerySchema },
      },
      async (request, reply) =>
        sendExport(reply, await drill.exportFollowUps(contextOf(request), request.query)),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditEntrySchema, auditListQuerySchema, listResponseSchema } from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { AuditService } from './audit.service.ts';

export function auditRoutes(deps: { audit: AuditService }) {
  return async function (app: FastifyInstance) {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/audit-logs',
      {
        schema: {
          tags: ['audit'],
          summary: '审计日志 Audit log (admin, compliance); append-only',
          querystring: auditListQuerySchema,
          response: { 200: listResponseSchema(auditEntrySchema) },
        },
      },
      async (request) => deps.audit.findEntries(contextOf(request), request.query),
    );
  };
}

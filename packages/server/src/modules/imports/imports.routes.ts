import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  importBatchParamsSchema,
  importBatchSchema,
  importContentTypes,
  importKindLabels,
  importKindParamsSchema,
  importMaxFileBytes,
  importUploadQuerySchema,
} from '@keqing/shared';
import { AppError } from '../../errors/app-error.ts';
import { contextOf } from '../../http/route-context.ts';
import { buildTemplate } from './import-template.ts';
import type { ImportsService } from './imports.service.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
const attachment = (ascii: string, utf8: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;

export function importsRoutes(deps: { imports: ImportsService }) {
  const { imports } = deps;
  return async function (app: FastifyInstance) {
    // The upload is the file itself as the body (encapsulated: only this module's routes read it so).
    app.addContentTypeParser(
      [...importContentTypes],
      { parseAs: 'buffer', bodyLimit: importMaxFileBytes },
      (_request, body, done) => done(null, body),
    );
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['imports'];

    r.get(
      '/api/imports/templates/:kind',
      {
        schema: {
          tags,
          summary:
            '导入模板 Download the import template of a kind (xlsx with Chinese headers and a 说明 sheet)',
          params: importKindParamsSchema,
        },
      },
      async (request, reply) => {
        const { kind } = request.params;
        const file = await buildTemplate(kind);
        return reply
          .type(xlsxType)
          .header(
            'content-disposition',
            attachment(`${kind}-template.xlsx`, `${importKindLabels[kind]['zh-CN']}导入模板.xlsx`),
          )
          .send(file);
      },
    );

    r.post(
      '/api/imports/:kind',
      {
        bodyLimit: importMaxFileBytes,
        schema: {
          tags,
          summary:
            '上传预览 Upload an xlsx or csv file (raw body, ?fileName=) → a preview with every row checked; nothing is imported yet',
          consumes: [...importContentTypes],
          params: importKindParamsSchema,
          querystring: importUploadQuerySchema,
          response: { 201: importBatchSchema },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError('BAD_REQUEST', { messageKey: 'import.unreadable' });
        const { kind } = request.params;
        const fileName = request.query.fileName ?? `${kind}.xlsx`;
        const batch = await imports.previewImport(contextOf(request), kind, request.body, fileName);
        return reply.status(201).send(batch);
      },
    );

    r.get(
      '/api/imports/:batchId',
      {
        schema: {
          tags,
          summary: '导入预览 An import batch (its owner only)',
          params: importBatchParamsSchema,
          response: { 200: importBatchSchema },
        },
      },
      async (request) => imports.getImport(contextOf(request), request.params.batchId),
    );

    r.post(
      '/api/imports/:batchId/commit',
      {
        schema: {
          tags,
          summary: '确认导入 Import every valid row in one transaction (409 once committed or cancelled)',
          params: importBatchParamsSchema,
          response: { 200: importBatchSchema },
        },
      },
      async (request) => imports.commitImport(contextOf(request), request.params.batchId),
    );

    r.post(
      '/api/imports/:batchId/cancel',
      {
        schema: {
          tags,
          summary: '取消导入 Drop the preview; nothing is imported',
          params: importBatchParamsSchema,
          response: { 200: importBatchSchema },
        },
      },
      async (request) => imports.cancelImport(contextOf(request), request.params.batchId),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cancelChannelOrderSchema,
  channelOrderListQuerySchema,
  channelOrderSchema,
  channelPriceReportListQuerySchema,
  channelPriceReportSchema,
  channelShipmentListQuerySchema,
  channelShipmentSchema,
  channelStockReportListQuerySchema,
  channelStockReportSchema,
  commitFlowImportSchema,
  confirmFlowMatchesSchema,
  createChannelOrderSchema,
  createChannelPriceReportSchema,
  createChannelShipmentSchema,
  createChannelStockReportSchema,
  createFlowImportSchema,
  flowImportListQuerySchema,
  flowImportMaxBytes,
  flowImportSchema,
  flowImportUploadQuerySchema,
  flowPreviewRowSchema,
  flowRowsQuerySchema,
  flowSummaryQuerySchema,
  flowSummarySchema,
  idParamsSchema,
  importChannelStockSchema,
  listResponseSchema,
  saveFlowMappingSchema,
  stockImportResultSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';
import { contextOf } from '../../http/route-context.ts';
import { decodeBase64File } from './flow-file.ts';
import { createFlowImportService } from './flow-import.service.ts';
import { createGoodsService } from './goods.service.ts';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 订单、送货/退货、库存、价格、流向导入 */
export function goodsRoutes(deps: { db: Db }) {
  const goods = createGoodsService(deps);
  const flow = createFlowImportService(deps);
  return async function (app: FastifyInstance) {
    // A flow file may come as the raw xlsx body (encapsulated: only this plugin's routes read it so)
    app.addContentTypeParser(
      xlsxType,
      { parseAs: 'buffer', bodyLimit: flowImportMaxBytes },
      (_r, body, done) => done(null, body),
    );
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── orders ──
    const orders = ['channel-orders'];
    r.get(
      '/api/channel-orders',
      {
        schema: {
          tags: orders,
          summary: '订单 Orders of channel customers in scope (?channelCustomerId=&from=&to=&status=)',
          querystring: channelOrderListQuerySchema,
          response: { 200: listResponseSchema(channelOrderSchema) },
        },
      },
      async (request) => goods.findOrders(contextOf(request), request.query),
    );
    r.get(
      '/api/channel-orders/:id',
      {
        schema: {
          tags: orders,
          summary: 'One order with its lines',
          params: idParamsSchema,
          response: { 200: channelOrderSchema },
        },
      },
      async (request) => goods.getOrder(contextOf(request), request.params.id),
    );
    r.post(
      '/api/channel-orders',
      {
        schema: {
          tags: orders,
          summary:
            'Record an order (idempotent on orderNo: the same order again answers 200 with the stored one)',
          body: createChannelOrderSchema,
          response: { 200: channelOrderSchema, 201: channelOrderSchema },
        },
      },
      async (request, reply) => {
        const { order, created } = await goods.createOrder(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(order);
      },
    );
    r.post(
      '/api/channel-orders/:id/cancel',
      {
        schema: {
          tags: orders,
          summary: 'Cancel an open order',
          params: idParamsSchema,
          body: cancelChannelOrderSchema,
          response: { 200: channelOrderSchema },
        },
      },
      async (request) => goods.cancelOrder(contextOf(request), request.params.id, request.body),
    );

    // ── shipments ──
    const shipments = ['channel-shipments'];
    r.get(
      '/api/channel-shipments',
      {
        schema: {
          tags: shipments,
          summary: '送货/退货 Deliveries and returns',
          querystring: channelShipmentListQuerySchema,
          response: { 200: listResponseSchema(channelShipmentSchema) },
        },
      },
      async (request) => goods.findShipments(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-shipments',
      {
        schema: {
          tags: shipments,
          summary:
            'Record a delivery or a return with its ledger entry (a return needs a reason, ≤ delivered − returned); idempotent on clientId',
          body: createChannelShipmentSchema,
          response: { 200: channelShipmentSchema, 201: channelShipmentSchema },
        },
      },
      async (request, reply) => {
        const { shipment, created } = await goods.createShipment(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(shipment);
      },
    );

    // ── stock and prices ──
    const stock = ['channel-stock'];
    r.get(
      '/api/channel-stock-reports',
      {
        schema: {
          tags: stock,
          summary: '库存 Stock reports',
          querystring: channelStockReportListQuerySchema,
          response: { 200: listResponseSchema(channelStockReportSchema) },
        },
      },
      async (request) => goods.findStockReports(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-stock-reports',
      {
        schema: {
          tags: stock,
          summary:
            'Enter a stock report (a second one for the same customer, product and day replaces it: 200)',
          body: createChannelStockReportSchema,
          response: { 200: channelStockReportSchema, 201: channelStockReportSchema },
        },
      },
      async (request, reply) => {
        const { report, created } = await goods.saveStockReport(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(report);
      },
    );
    r.post(
      '/api/channel-stock-reports/import',
      {
        bodyLimit: 30 * 1024 * 1024,
        schema: {
          tags: stock,
          summary: 'Import stock from an xlsx (base64): all rows or none; problems listed per row',
          body: importChannelStockSchema.extend({ reportedOn: z.iso.date().optional() }),
          response: { 200: stockImportResultSchema },
        },
      },
      async (request) =>
        goods.importStock(contextOf(request), {
          channelCustomerId: request.body.channelCustomerId,
          file: decodeBase64File(request.body.contentBase64),
          reportedOn: request.body.reportedOn,
        }),
    );
    r.get(
      '/api/channel-price-reports',
      {
        schema: {
          tags: stock,
          summary: '价格 Resale prices seen (经销价 / 零售价)',
          querystring: channelPriceReportListQuerySchema,
          response: { 200: listResponseSchema(channelPriceReportSchema) },
        },
      },
      async (request) => goods.findPriceReports(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-price-reports',
      {
        schema: {
          tags: stock,
          summary: 'Record a resale price seen in the market',
          body: createChannelPriceReportSchema,
          response: { 201: channelPriceReportSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await goods.createPriceReport(contextOf(request), request.body)),
    );

    // ── flow 流向 ──
    const flowTags = ['flow'];
    r.get(
      '/api/flow-imports',
      {
        schema: {
          tags: flowTags,
          summary: '流向导入 Flow imports of distributors in scope',
          querystring: flowImportListQuerySchema,
          response: { 200: listResponseSchema(flowImportSchema) },
        },
      },
      async (request) => flow.findImports(contextOf(request), request.query),
    );
    r.post(
      '/api/flow-imports',
      {
        bodyLimit: 30 * 1024 * 1024,
        schema: {
          tags: flowTags,
          summary:
            'Upload a distributor’s flow file: JSON { channelCustomerId, fileName, contentBase64 } or the raw xlsx with ?channelCustomerId=&fileName=',
          querystring: flowImportUploadQuerySchema.partial(),
          response: { 201: flowImportSchema },
        },
      },
      async (request, reply) => {
        const ctx = contextOf(request);
        let input: { channelCustomerId: string; fileName: string; file: Buffer };
        if (Buffer.isBuffer(request.body)) {
          const q = flowImportUploadQuerySchema.safeParse(request.query);
          if (!q.success) throw new AppError('BAD_REQUEST', { messageKey: 'flow.unreadable' });
          input = {
            channelCustomerId: q.data.channelCustomerId,
            fileName: q.data.fileName ?? 'flow.xlsx',
            file: request.body,
          };
        } else {
          const body = createFlowImportSchema.safeParse(request.body);
          if (!body.success)
            throw new AppError('VALIDATION_FAILED', {
              details: body.error.issues.map((i) => ({
                path: ['body', ...i.path].join('.'),
                message: i.message,
              })),
            });
          input = { ...body.data, file: decodeBase64File(body.data.contentBase64) };
        }
        return reply.status(201).send(await flow.createImport(ctx, input));
      },
    );
    r.get(
      '/api/flow-imports/:id',
      {
        schema: {
          tags: flowTags,
          summary: 'One flow import with its counts',
          params: idParamsSchema,
          response: { 200: flowImportSchema },
        },
      },
      async (request) => flow.getImport(contextOf(request), request.params.id),
    );
    r.get(
      '/api/flow-imports/:id/rows',
      {
        schema: {
          tags: flowTags,
          summary:
            'Preview rows (?matchStatus=uncertain|unmatched|invalid …), with candidates for uncertain ones',
          params: idParamsSchema,
          querystring: flowRowsQuerySchema,
          response: { 200: listResponseSchema(flowPreviewRowSchema) },
        },
      },
      async (request) => flow.findRows(contextOf(request), request.params.id, request.query),
    );
    r.post(
      '/api/flow-imports/:id/mapping',
      {
        schema: {
          tags: flowTags,
          summary: 'Save the column mapping (remembered for the distributor) and read the rows',
          params: idParamsSchema,
          body: saveFlowMappingSchema,
          response: { 200: flowImportSchema },
        },
      },
      async (request) => flow.saveMapping(contextOf(request), request.params.id, request.body.mapping),
    );
    r.post(
      '/api/flow-imports/:id/matches',
      {
        schema: {
          tags: flowTags,
          summary:
            'Confirm buyers (rows or a buyer name → hospital | channel customer | none); remembered by name',
          params: idParamsSchema,
          body: confirmFlowMatchesSchema,
          response: { 200: flowImportSchema },
        },
      },
      async (request) => flow.confirmMatches(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/flow-imports/:id/commit',
      {
        schema: {
          tags: flowTags,
          summary: 'Commit in one transaction (409 on an overlapping committed period unless replace: true)',
          params: idParamsSchema,
          body: commitFlowImportSchema.optional(),
          response: { 200: flowImportSchema },
        },
      },
      async (request) => flow.commitImport(contextOf(request), request.params.id, request.body ?? {}),
    );
    r.post(
      '/api/flow-imports/:id/cancel',
      {
        schema: {
          tags: flowTags,
          summary: 'Cancel a preview',
          params: idParamsSchema,
          response: { 200: flowImportSchema },
        },
      },
      async (request) => flow.cancelImport(contextOf(request), request.params.id),
    );
    r.get(
      '/api/flow/summary',
      {
        schema: {
          tags: flowTags,
          summary: '流向汇总 Committed flow by hospital, department, buyer or month (never per doctor)',
          querystring: flowSummaryQuerySchema,
          response: { 200: flowSummarySchema },
        },
      },
      async (request) => flow.summary(contextOf(request), request.query),
    );
  };
}

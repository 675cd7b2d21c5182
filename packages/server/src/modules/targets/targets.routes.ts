import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  forecastSummaryQuerySchema,
  forecastSummarySchema,
  listResponseSchema,
  manualSaleQuerySchema,
  manualSaleSchema,
  quotaGridQuerySchema,
  quotaGridSchema,
  salesAttainmentQuerySchema,
  salesAttainmentSchema,
  salesForecastQuerySchema,
  salesForecastSchema,
  saveQuotaGridSchema,
  teamQuotaQuerySchema,
  teamQuotaSchema,
  upsertManualSaleSchema,
  upsertSalesForecastsSchema,
  upsertTeamQuotaSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createTargetsService } from './targets.service.ts';

const tags = ['targets'];

/** 指标: team quotas, the allocation grid, forecasts, manual actual sales and attainment */
export function targetsRoutes(deps: { db: Db; now?: () => Date }) {
  const targets = createTargetsService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/team-quotas',
      {
        schema: {
          tags,
          summary: '团队指标 Team quotas per month × product (admin all; manager and reps their team)',
          querystring: teamQuotaQuerySchema,
          response: { 200: listResponseSchema(teamQuotaSchema) },
        },
      },
      async (request) => targets.findTeamQuotas(contextOf(request), request.query),
    );
    r.put(
      '/api/team-quotas',
      {
        schema: {
          tags,
          summary: 'Set a team quota (admin; upsert on team × month × product with version)',
          body: upsertTeamQuotaSchema,
          response: { 200: teamQuotaSchema },
        },
      },
      async (request) => targets.upsertTeamQuota(contextOf(request), request.body),
    );
    r.get(
      '/api/quota-grid',
      {
        schema: {
          tags,
          summary: '指标分配 The allocation grid: reps × products with factors and a suggestion',
          querystring: quotaGridQuerySchema,
          response: { 200: quotaGridSchema },
        },
      },
      async (request) => targets.getQuotaGrid(contextOf(request), request.query),
    );
    r.put(
      '/api/quota-grid',
      {
        schema: {
          tags,
          summary: 'Save changed cells of the grid in one transaction (the team manager or admin)',
          body: saveQuotaGridSchema,
          response: { 200: quotaGridSchema },
        },
      },
      async (request) => targets.saveQuotaGrid(contextOf(request), request.body),
    );
    r.get(
      '/api/sales-forecasts',
      {
        schema: {
          tags,
          summary: '销售预测 Forecasts per rep × month × product',
          querystring: salesForecastQuerySchema,
          response: { 200: listResponseSchema(salesForecastSchema) },
        },
      },
      async (request) => targets.findForecasts(contextOf(request), request.query),
    );
    r.put(
      '/api/sales-forecasts',
      {
        schema: {
          tags,
          summary:
            "The rep's forecast, goal, where to add and promotion plan for the current or a future month",
          body: upsertSalesForecastsSchema,
          response: { 200: forecastSummarySchema },
        },
      },
      async (request) => targets.upsertForecasts(contextOf(request), request.body),
    );
    r.get(
      '/api/forecast-summary',
      {
        schema: {
          tags,
          summary: 'Per product: quota, forecast, goal, gap and warnings (the guided form totals)',
          querystring: forecastSummaryQuerySchema,
          response: { 200: forecastSummarySchema },
        },
      },
      async (request) => targets.forecastSummary(contextOf(request), request.query),
    );
    r.get(
      '/api/manual-sales',
      {
        schema: {
          tags,
          summary: '手工实际销量 Manual monthly actuals (used where no flow data counts)',
          querystring: manualSaleQuerySchema,
          response: { 200: listResponseSchema(manualSaleSchema) },
        },
      },
      async (request) => targets.findManualSales(contextOf(request), request.query),
    );
    r.put(
      '/api/manual-sales',
      {
        schema: {
          tags,
          summary: 'Enter a month’s actual units by hand (the rep or their manager; not a future month)',
          body: upsertManualSaleSchema,
          response: { 200: manualSaleSchema },
        },
      },
      async (request) => targets.upsertManualSale(contextOf(request), request.body),
    );
    r.get(
      '/api/sales-attainment',
      {
        schema: {
          tags,
          summary: '达成率 Quota, actual and attainment by rep, product or month',
          querystring: salesAttainmentQuerySchema,
          response: { 200: salesAttainmentSchema },
        },
      },
      async (request) => targets.salesAttainment(contextOf(request), request.query),
    );
  };
}

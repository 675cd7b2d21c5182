import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  competitorActivityQuerySchema,
  competitorActivitySchema,
  competitorPressureQuerySchema,
  competitorPressureSchema,
  competitorProductQuerySchema,
  competitorProductSchema,
  competitorUsageQuerySchema,
  competitorUsageSchema,
  createCompetitorActivitySchema,
  createCompetitorProductSchema,
  createCompetitorUsageSchema,
  doctorCompetitorsSchema,
  idParamsSchema,
  listResponseSchema,
  updateCompetitorProductSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createCompetitorsService } from './competitors.service.ts';

const tags = ['competitors'];

/** 竞品情报 competitor intelligence */
export function competitorsRoutes(deps: { db: Db; now?: () => Date }) {
  const competitors = createCompetitorsService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/competitor-products',
      {
        schema: {
          tags,
          summary: '竞品 Competitor products per therapeutic area (everyone reads)',
          querystring: competitorProductQuerySchema,
          response: { 200: listResponseSchema(competitorProductSchema) },
        },
      },
      async (request) => competitors.findProducts(contextOf(request), request.query),
    );
    r.post(
      '/api/competitor-products',
      {
        schema: {
          tags,
          summary: 'A new competitor product (admin; name × company unique)',
          body: createCompetitorProductSchema,
          response: { 201: competitorProductSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await competitors.createProduct(contextOf(request), request.body)),
    );
    r.patch(
      '/api/competitor-products/:id',
      {
        schema: {
          tags,
          summary: 'Change a competitor product (admin; with version)',
          params: idParamsSchema,
          body: updateCompetitorProductSchema,
          response: { 200: competitorProductSchema },
        },
      },
      async (request) => competitors.updateProduct(contextOf(request), request.params.id, request.body),
    );
    r.get(
      '/api/competitor-usages',
      {
        schema: {
          tags,
          summary: '竞品使用 Usage judgements (1 偶尔 … 5 主要使用) in the caller’s hospitals',
          querystring: competitorUsageQuerySchema,
          response: { 200: listResponseSchema(competitorUsageSchema) },
        },
      },
      async (request) => competitors.findUsages(contextOf(request), request.query),
    );
    r.post(
      '/api/competitor-usages',
      {
        schema: {
          tags,
          summary: 'Record a usage judgement at a hospital in scope (a doctor of that hospital, optional)',
          body: createCompetitorUsageSchema,
          response: { 201: competitorUsageSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await competitors.createUsage(contextOf(request), request.body)),
    );
    r.get(
      '/api/competitor-activities',
      {
        schema: {
          tags,
          summary: '竞品活动 Competitor activities observed in the caller’s hospitals',
          querystring: competitorActivityQuerySchema,
          response: { 200: listResponseSchema(competitorActivitySchema) },
        },
      },
      async (request) => competitors.findActivities(contextOf(request), request.query),
    );
    r.post(
      '/api/competitor-activities',
      {
        schema: {
          tags,
          summary:
            'Record a competitor activity (visit and by whom, meeting, research fund, sponsorship, price move)',
          body: createCompetitorActivitySchema,
          response: { 201: competitorActivitySchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await competitors.createActivity(contextOf(request), request.body)),
    );
    r.get(
      '/api/competitor-pressure',
      {
        schema: {
          tags,
          summary:
            '竞品压力 Monthly competitor pressure per hospital (optionally one hospital / our product)',
          querystring: competitorPressureQuerySchema,
          response: { 200: competitorPressureSchema },
        },
      },
      async (request) => competitors.getPressure(contextOf(request), request.query),
    );
    r.get(
      '/api/doctors/:id/competitors',
      {
        schema: {
          tags,
          summary: 'What the doctor uses and the competition around them (pre-call brief, doctor 360°)',
          params: idParamsSchema,
          response: { 200: doctorCompetitorsSchema },
        },
      },
      async (request) => competitors.getDoctorCompetitors(contextOf(request), request.params.id),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  convertProspectSchema,
  createProspectSchema,
  dropProspectSchema,
  idParamsSchema,
  listResponseSchema,
  moveProspectPhaseSchema,
  prospectConversionSchema,
  prospectDetailSchema,
  prospectFunnelQuerySchema,
  prospectFunnelSchema,
  prospectListQuerySchema,
  prospectSchema,
  updateProspectSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createProspectsService } from './prospects.service.ts';

const tags = ['prospects'];

/** 客户开发 channel prospects */
export function prospectsRoutes(deps: { db: Db; now?: () => Date }) {
  const prospects = createProspectsService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/prospects',
      {
        schema: {
          tags,
          summary: '客户开发 Prospects whose owner the caller sees',
          querystring: prospectListQuerySchema,
          response: { 200: listResponseSchema(prospectSchema) },
        },
      },
      async (request) => prospects.findProspects(contextOf(request), request.query),
    );
    r.get(
      '/api/prospects/funnel',
      {
        schema: {
          tags,
          summary: 'Open prospects per phase, prospects per source by status, conversion rates',
          querystring: prospectFunnelQuerySchema,
          response: { 200: prospectFunnelSchema },
        },
      },
      async (request) => prospects.getFunnel(contextOf(request), request.query),
    );
    r.get(
      '/api/prospects/:id',
      {
        schema: {
          tags,
          summary: 'A prospect with its phase checklist and conversion readiness',
          params: idParamsSchema,
          response: { 200: prospectDetailSchema },
        },
      },
      async (request) => prospects.getProspect(contextOf(request), request.params.id),
    );
    r.post(
      '/api/prospects',
      {
        schema: {
          tags,
          summary: 'A new prospect (the same clientId again answers the stored prospect, 200)',
          body: createProspectSchema,
          response: { 200: prospectDetailSchema, 201: prospectDetailSchema },
        },
      },
      async (request, reply) => {
        const { prospect, created } = await prospects.createProspect(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(prospect);
      },
    );
    r.patch(
      '/api/prospects/:id',
      {
        schema: {
          tags,
          summary: 'Change a prospect: details, qualification, plan (refused once converted)',
          params: idParamsSchema,
          body: updateProspectSchema,
          response: { 200: prospectDetailSchema },
        },
      },
      async (request) => prospects.updateProspect(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/prospects/:id/phase',
      {
        schema: {
          tags,
          summary: '准备 → 实施 → 修正 → 评价 (one step forward; 修正 may go back to 实施)',
          params: idParamsSchema,
          body: moveProspectPhaseSchema,
          response: { 200: prospectDetailSchema },
        },
      },
      async (request) => prospects.movePhase(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/prospects/:id/convert',
      {
        schema: {
          tags,
          summary:
            'Convert into a channel customer (+ territory, licences, supply contract) in one transaction',
          params: idParamsSchema,
          body: convertProspectSchema,
          response: { 200: prospectConversionSchema },
        },
      },
      async (request) => prospects.convertProspect(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/prospects/:id/drop',
      {
        schema: {
          tags,
          summary: '放弃 Drop an open prospect with the reason',
          params: idParamsSchema,
          body: dropProspectSchema,
          response: { 200: prospectDetailSchema },
        },
      },
      async (request) => prospects.dropProspect(contextOf(request), request.params.id, request.body),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  doctorDuplicatesQuerySchema,
  duplicateDoctorGroupSchema,
  duplicateHospitalGroupSchema,
  hospitalDuplicatesQuerySchema,
  listResponseSchema,
  mergeBodySchema,
  mergeResultSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { DuplicatesService } from './duplicates.service.ts';

export function duplicatesRoutes(deps: { duplicates: DuplicatesService }) {
  const { duplicates } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['duplicates'];
    r.get(
      '/api/duplicates/doctors',
      {
        schema: {
          tags,
          summary:
            '医生查重 Likely duplicate doctors in the caller’s scope (same name + hospital + 科室, or same phone)',
          querystring: doctorDuplicatesQuerySchema,
          response: { 200: listResponseSchema(duplicateDoctorGroupSchema) },
        },
      },
      async (request) => duplicates.findDoctorDuplicates(contextOf(request), request.query),
    );
    r.get(
      '/api/duplicates/hospitals',
      {
        schema: {
          tags,
          summary: '医院查重 Hospitals with the same name or alias in one city (admin)',
          querystring: hospitalDuplicatesQuerySchema,
          response: { 200: listResponseSchema(duplicateHospitalGroupSchema) },
        },
      },
      async (request) => duplicates.findHospitalDuplicates(contextOf(request), request.query),
    );
    r.post(
      '/api/duplicates/doctors/merge',
      {
        schema: {
          tags,
          summary: '合并医生 Keep one doctor and fold the others into it (all in scope; audited)',
          body: mergeBodySchema,
          response: { 200: mergeResultSchema },
        },
      },
      async (request) => duplicates.mergeDoctors(contextOf(request), request.body),
    );
    r.post(
      '/api/duplicates/hospitals/merge',
      {
        schema: {
          tags,
          summary: '合并医院 Keep one hospital and fold the others into it (admin; audited)',
          body: mergeBodySchema,
          response: { 200: mergeResultSchema },
        },
      },
      async (request) => duplicates.mergeHospitals(contextOf(request), request.body),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  advanceComplaintSchema,
  complaintListQuerySchema,
  complaintSchema,
  createComplaintSchema,
  idParamsSchema,
  listResponseSchema,
  updateComplaintSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { ComplaintsService } from './complaints.service.ts';

const tags = ['complaints'];

/** Complaints 客户抱怨/投诉: record, work through the recovery steps, close. Compliance reads only. */
export function complaintsRoutes(deps: { complaints: ComplaintsService }) {
  const { complaints } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: '客户抱怨 Complaints (open overdue first, then the newest)',
          querystring: complaintListQuerySchema,
          response: { 200: listResponseSchema(complaintSchema) },
        },
      },
      async (request) => complaints.findComplaints(contextOf(request), request.query),
    );
    r.get(
      '/api/complaints/:id',
      {
        schema: {
          tags,
          summary: 'One complaint',
          params: idParamsSchema,
          response: { 200: complaintSchema },
        },
      },
      async (request) => complaints.getComplaint(contextOf(request), request.params.id),
    );
    r.post(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'Record a complaint from a doctor or a channel customer in the caller’s scope',
          body: createComplaintSchema,
          response: { 201: complaintSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await complaints.createComplaint(contextOf(request), request.body)),
    );
    r.patch(
      '/api/complaints/:id',
      {
        schema: {
          tags,
          summary: 'Record the recovery steps of an open complaint (the owner or their manager)',
          params: idParamsSchema,
          body: updateComplaintSchema,
          response: { 200: complaintSchema },
        },
      },
      async (request) => complaints.updateComplaint(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/complaints/:id/advance',
      {
        schema: {
          tags,
          summary: 'Move a complaint to its next status (acknowledged → actionTaken → closed)',
          params: idParamsSchema,
          body: advanceComplaintSchema,
          response: { 200: complaintSchema },
        },
      },
      async (request) => complaints.advanceComplaint(contextOf(request), request.params.id, request.body),
    );
  };
}

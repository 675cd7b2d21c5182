import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  careDateSchema,
  careSettingsSchema,
  createCareDateSchema,
  createLifeEventSchema,
  doctorCareTierSchema,
  idParamsSchema,
  lifeEventListQuerySchema,
  lifeEventSchema,
  listResponseSchema,
  setDoctorCareTierSchema,
  upcomingCareQuerySchema,
  upcomingCareSchema,
  updateCareDateSchema,
} from '@keqing/shared';
import { contextOf } from '../../http/route-context.ts';
import type { CareService } from './care.service.ts';

const tags = ['care'];

export function careRoutes(deps: { care: CareService }) {
  const { care } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── settings ──
    r.get(
      '/api/care/settings',
      {
        schema: {
          tags,
          summary: '关怀设置 Care settings in force: tiers and caps, festivals, reminder days',
          response: { 200: careSettingsSchema },
        },
      },
      async (request) => care.getSettings(contextOf(request)),
    );
    r.put(
      '/api/care/settings',
      {
        // caps are compliance's to set: the read-only auditor may write here (the service allows admin and compliance)
        config: { complianceMayWrite: true },
        schema: {
          tags,
          summary: 'Save a new version of the care settings (admin, compliance)',
          body: careSettingsSchema,
          response: { 200: careSettingsSchema },
        },
      },
      async (request) => care.putSettings(contextOf(request), request.body),
    );

    // ── care dates 重要日期 (personal data) ──
    r.get(
      '/api/doctors/:id/care-dates',
      {
        schema: {
          tags,
          summary: "重要日期 A doctor's care dates (personal data: the owning line and compliance)",
          params: idParamsSchema,
          response: { 200: z.object({ items: z.array(careDateSchema) }) },
        },
      },
      async (request) => care.findCareDates(contextOf(request), request.params.id),
    );
    r.post(
      '/api/care-dates',
      {
        schema: {
          tags,
          summary: 'Add a care date (work anniversary, family event …), solar or lunar',
          body: createCareDateSchema,
          response: { 201: careDateSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await care.createCareDate(contextOf(request), request.body)),
    );
    r.patch(
      '/api/care-dates/:id',
      {
        schema: {
          tags,
          summary: 'Change a care date (send the version you read)',
          params: idParamsSchema,
          body: updateCareDateSchema,
          response: { 200: careDateSchema },
        },
      },
      async (request) => care.updateCareDate(contextOf(request), request.params.id, request.body),
    );
    r.delete(
      '/api/care-dates/:id',
      { schema: { tags, summary: 'Delete a care date', params: idParamsSchema } },
      async (request, reply) => {
        await care.deleteCareDate(contextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    r.get(
      '/api/care/upcoming',
      {
        schema: {
          tags,
          summary:
            'Birthdays, care dates and festivals in a window (default: today to the reminder day) for a rep or a team',
          querystring: upcomingCareQuerySchema,
          response: { 200: upcomingCareSchema },
        },
      },
      async (request) => care.findUpcoming(contextOf(request), request.query),
    );

    // ── life events 喜事/不幸 ──
    r.post(
      '/api/life-events',
      {
        schema: {
          tags,
          summary: 'Record a happy event or a misfortune; raises the follow-up task at once',
          body: createLifeEventSchema,
          response: { 201: lifeEventSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await care.createLifeEvent(contextOf(request), request.body)),
    );
    r.get(
      '/api/life-events',
      {
        schema: {
          tags,
          summary: 'Life events of the doctors whose personal data the caller may read',
          querystring: lifeEventListQuerySchema,
          response: { 200: listResponseSchema(lifeEventSchema) },
        },
      },
      async (request) => care.findLifeEvents(contextOf(request), request.query),
    );

    // ── care tiers 关怀等级 ──
    r.get(
      '/api/doctors/:id/care-tier',
      {
        schema: {
          tags,
          summary: "A doctor's care tier, its policy and this year's care (all reps together)",
          params: idParamsSchema,
          response: { 200: doctorCareTierSchema },
        },
      },
      async (request) => care.getCareTier(contextOf(request), request.params.id),
    );
    r.put(
      '/api/doctors/:id/care-tier',
      {
        schema: {
          tags,
          summary: "Choose a doctor's care tier (null: back to the suggestion)",
          params: idParamsSchema,
          body: setDoctorCareTierSchema,
          response: { 200: doctorCareTierSchema },
        },
      },
      async (request) => care.setCareTier(contextOf(request), request.params.id, request.body),
    );
  };
}

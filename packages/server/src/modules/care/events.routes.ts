import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  academicEventSchema,
  academicEventSummarySchema,
  createAcademicEventSchema,
  decideEventSchema,
  eventListQuerySchema,
  eventSignedInSchema,
  eventSignInCodeSchema,
  eventSignInSchema,
  eventTokenParamsSchema,
  eventVersionSchema,
  idParamsSchema,
  listResponseSchema,
  payEventSpeakersSchema,
  publicEventSchema,
  putEventAttendeesSchema,
  putEventSpeakersSchema,
  updateAcademicEventSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createEventsService, type EventsService } from './events.service.ts';

const tags = ['events'];

/**
 * 学术会议/科室会: events with speakers, invitees, approval (manager, then compliance over a speaker cap), QR sign-in
 * and closing. The two `/api/public/events/:token` routes answer without a session (the token is the credential).
 */
export function eventsRoutes(deps: { db: Db; events?: EventsService }) {
  const events = deps.events ?? createEventsService({ db: deps.db });
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const byId = { params: idParamsSchema, response: { 200: academicEventSchema } };

    r.get(
      '/api/academic-events',
      {
        schema: {
          tags,
          summary: '学术会议 Events (a rep: own; a manager: the team’s; awaitingMe: waiting for the caller)',
          querystring: eventListQuerySchema,
          response: { 200: listResponseSchema(academicEventSummarySchema) },
        },
      },
      async (request) => events.findEvents(contextOf(request), request.query),
    );
    r.get(
      '/api/academic-events/:id',
      {
        schema: { tags, summary: 'One event with speakers (caps checked now), invitees, approvals', ...byId },
      },
      async (request) => events.getEvent(contextOf(request), request.params.id),
    );
    r.post(
      '/api/academic-events',
      {
        schema: {
          tags,
          summary: 'Plan an event (a rep or manager; the host hospital in their scope)',
          body: createAcademicEventSchema,
          response: { 201: academicEventSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await events.createEvent(contextOf(request), request.body)),
    );
    r.patch(
      '/api/academic-events/:id',
      {
        schema: {
          tags,
          summary: 'Change a draft or rejected event (the organiser; send the version you read)',
          body: updateAcademicEventSchema,
          ...byId,
        },
      },
      async (request) => events.updateEvent(contextOf(request), request.params.id, request.body),
    );
    r.put(
      '/api/academic-events/:id/speakers',
      {
        schema: {
          tags,
          summary: 'Replace chair and speakers with fee and travel (draft or rejected)',
          body: putEventSpeakersSchema,
          ...byId,
        },
      },
      async (request) => events.putSpeakers(contextOf(request), request.params.id, request.body),
    );
    r.patch(
      '/api/academic-events/:id/speakers',
      {
        schema: {
          tags,
          summary: 'Record speaker payments (paid on, paid by) once approved',
          body: payEventSpeakersSchema,
          ...byId,
        },
      },
      async (request) => events.paySpeakers(contextOf(request), request.params.id, request.body),
    );
    r.put(
      '/api/academic-events/:id/attendees',
      {
        schema: {
          tags,
          summary: 'Set the invited doctors (in the caller’s scope; sign-ins of those kept are kept)',
          body: putEventAttendeesSchema,
          ...byId,
        },
      },
      async (request) => events.putAttendees(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/academic-events/:id/submit',
      { schema: { tags, summary: 'Submit an event for approval', body: eventVersionSchema, ...byId } },
      async (request) => events.submitEvent(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/academic-events/:id/decision',
      {
        // event approvals are one of the few writes the read-only compliance role makes
        config: { complianceMayWrite: true },
        schema: {
          tags,
          summary: 'Approve or reject an event (the team’s manager, then compliance over a speaker cap)',
          body: decideEventSchema,
          ...byId,
        },
      },
      async (request) => events.decideEvent(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/academic-events/:id/sign-in-code',
      {
        schema: {
          tags,
          summary:
            'A new QR sign-in link /e/<token> for an approved event (shown once; replaces the old one)',
          params: idParamsSchema,
          response: { 200: eventSignInCodeSchema },
        },
      },
      async (request) => events.signInCode(contextOf(request), request.params.id),
    );
    r.post(
      '/api/academic-events/:id/close',
      {
        schema: {
          tags,
          summary: 'Close a held event (from its date on): follow-ups for the doctors who signed in',
          body: eventVersionSchema,
          ...byId,
        },
      },
      async (request) => events.closeEvent(contextOf(request), request.params.id, request.body),
    );

    // ── Public: the token is the credential ──
    r.get(
      '/api/public/events/:token',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'The event a sign-in QR code opens (no sign-in): topic, date, place',
          params: eventTokenParamsSchema,
          response: { 200: publicEventSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return events.publicEvent(request.params.token);
      },
    );
    r.post(
      '/api/public/events/:token/sign-in',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'An invited doctor signs in by name (event day ± 1 day, China time)',
          params: eventTokenParamsSchema,
          body: eventSignInSchema,
          response: { 200: eventSignedInSchema },
        },
      },
      async (request) => events.signIn(request.params.token, request.body, request.id),
    );
  };
}

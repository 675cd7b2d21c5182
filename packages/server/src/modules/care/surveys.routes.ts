import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  answerSurveySchema,
  createSurveyInvitationSchema,
  createSurveyTemplateSchema,
  idParamsSchema,
  listResponseSchema,
  publicSurveySchema,
  sentSurveySchema,
  surveyAnsweredSchema,
  surveyInvitationListQuerySchema,
  surveyInvitationSchema,
  surveyResultsQuerySchema,
  surveyResultsSchema,
  surveyTemplateListQuerySchema,
  surveyTemplateSchema,
  surveyTokenParamsSchema,
  updateSurveyTemplateSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createSurveysService, type SurveysService } from './surveys.service.ts';

const tags = ['surveys'];

/**
 * 满意度调查: templates, invitations (one-time links), results. The two `/api/public/surveys/:token` routes answer
 * without a session (config.public: no sign-in, no CSRF — the token is the credential); they return no personal
 * data beyond the recipient's display name.
 */
export function surveysRoutes(deps: { db: Db; surveys?: SurveysService }) {
  const surveys = deps.surveys ?? createSurveysService({ db: deps.db });
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/survey-templates',
      {
        schema: {
          tags,
          summary: '问卷模板 Survey templates (everyone signed in reads)',
          querystring: surveyTemplateListQuerySchema,
          response: { 200: listResponseSchema(surveyTemplateSchema) },
        },
      },
      async (request) => surveys.findTemplates(contextOf(request), request.query),
    );
    r.post(
      '/api/survey-templates',
      {
        schema: {
          tags,
          summary: 'Create a survey template (admin, manager)',
          body: createSurveyTemplateSchema,
          response: { 201: surveyTemplateSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await surveys.createTemplate(contextOf(request), request.body)),
    );
    r.patch(
      '/api/survey-templates/:id',
      {
        schema: {
          tags,
          summary: 'Change a survey template (admin, manager; send the version you read)',
          params: idParamsSchema,
          body: updateSurveyTemplateSchema,
          response: { 200: surveyTemplateSchema },
        },
      },
      async (request) => surveys.updateTemplate(contextOf(request), request.params.id, request.body),
    );

    r.get(
      '/api/survey-invitations',
      {
        schema: {
          tags,
          summary: 'Surveys sent to the doctors and channel customers in the caller’s scope',
          querystring: surveyInvitationListQuerySchema,
          response: { 200: listResponseSchema(surveyInvitationSchema) },
        },
      },
      async (request) => surveys.findInvitations(contextOf(request), request.query),
    );
    r.post(
      '/api/survey-invitations',
      {
        schema: {
          tags,
          summary: 'Send a survey: a one-time link /s/<token>, valid 30 days, shown only in this answer',
          body: createSurveyInvitationSchema,
          response: { 201: sentSurveySchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await surveys.sendInvitation(contextOf(request), request.body)),
    );
    r.get(
      '/api/survey-results',
      {
        schema: {
          tags,
          summary:
            'Averages of 价格/疗效/服务 per month and the answers, per customer or for the caller’s scope',
          querystring: surveyResultsQuerySchema,
          response: { 200: surveyResultsSchema },
        },
      },
      async (request) => surveys.results(contextOf(request), request.query),
    );

    // ── Public: the token is the credential ──
    r.get(
      '/api/public/surveys/:token',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'The survey a link opens (no sign-in): questions and the recipient’s name only',
          params: surveyTokenParamsSchema,
          response: { 200: publicSurveySchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return surveys.publicSurvey(request.params.token);
      },
    );
    r.post(
      '/api/public/surveys/:token',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Answer a survey once (no sign-in); a used token answers 409',
          params: surveyTokenParamsSchema,
          body: answerSurveySchema,
          response: { 200: surveyAnsweredSchema },
        },
      },
      async (request) => surveys.answer(request.params.token, request.body, request.id),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeWarningSchema,
  channelHealthLatestSchema,
  channelHealthQuerySchema,
  channelHealthTrendSchema,
  channelIncidentListQuerySchema,
  channelIncidentSchema,
  channelPromiseListQuerySchema,
  channelPromiseSchema,
  channelSettingsSchema,
  channelWarningDetailSchema,
  channelWarningListQuerySchema,
  channelWarningSchema,
  channelWarningSummarySchema,
  createChannelIncidentSchema,
  createChannelPromiseSchema,
  evaluateWarningsResultSchema,
  evaluateWarningsSchema,
  idParamsSchema,
  listResponseSchema,
  updateChannelIncidentSchema,
  updateChannelPromiseSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createWarningsService } from './warnings.service.ts';

const tags = ['channel-warnings'];

/** 渠道预警、冲货事件、承诺、健康度、渠道设置 */
export function warningsRoutes(deps: { db: Db }) {
  const warnings = createWarningsService({ db: deps.db });
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── settings ──
    r.get(
      '/api/channel-settings',
      {
        schema: {
          tags,
          summary: '渠道设置 Channel thresholds in force',
          response: { 200: channelSettingsSchema },
        },
      },
      async () => warnings.getSettings(),
    );
    r.put(
      '/api/channel-settings',
      {
        schema: {
          tags,
          summary: 'Save the channel thresholds as a new version (admin)',
          body: channelSettingsSchema,
          response: { 200: channelSettingsSchema },
        },
      },
      async (request) => warnings.saveSettings(contextOf(request), request.body),
    );

    // ── warnings ──
    r.get(
      '/api/channel-warnings',
      {
        schema: {
          tags,
          summary: '渠道预警 Warnings of the distributors in scope (open first, newest first)',
          querystring: channelWarningListQuerySchema,
          response: { 200: listResponseSchema(channelWarningSchema) },
        },
      },
      async (request) => warnings.findWarnings(contextOf(request), request.query),
    );
    r.get(
      '/api/channel-warnings/summary',
      {
        schema: {
          tags,
          summary: 'Open and acknowledged warnings per kind and per distributor',
          querystring: z.object({ channelCustomerId: z.uuid().optional() }),
          response: { 200: channelWarningSummarySchema },
        },
      },
      async (request) => warnings.summary(contextOf(request), request.query.channelCustomerId),
    );
    r.post(
      '/api/channel-warnings/evaluate',
      {
        schema: {
          tags,
          summary: 'Re-evaluate the warnings of one distributor or all in scope (manager, admin)',
          body: evaluateWarningsSchema,
          response: { 200: evaluateWarningsResultSchema },
        },
      },
      async (request) => warnings.evaluate(contextOf(request), request.body),
    );
    r.get(
      '/api/channel-warnings/:id',
      {
        schema: {
          tags,
          summary: 'One warning with the rows behind it',
          params: idParamsSchema,
          response: { 200: channelWarningDetailSchema },
        },
      },
      async (request) => warnings.getWarning(contextOf(request), request.params.id),
    );
    r.post(
      '/api/channel-warnings/:id/acknowledge',
      {
        schema: {
          tags,
          summary: 'Acknowledge a warning with a note (the assignee, their manager, an admin)',
          params: idParamsSchema,
          body: acknowledgeWarningSchema,
          response: { 200: channelWarningDetailSchema },
        },
      },
      async (request) => warnings.acknowledgeWarning(contextOf(request), request.params.id, request.body),
    );

    // ── incidents ──
    r.get(
      '/api/channel-incidents',
      {
        schema: {
          tags,
          summary: '冲货/低价倾销 incidents touching the distributors or territories in scope',
          querystring: channelIncidentListQuerySchema,
          response: { 200: listResponseSchema(channelIncidentSchema) },
        },
      },
      async (request) => warnings.findIncidents(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-incidents',
      {
        schema: {
          tags,
          summary: 'Record an incident',
          body: createChannelIncidentSchema,
          response: { 201: channelIncidentSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await warnings.createIncident(contextOf(request), request.body)),
    );
    r.get(
      '/api/channel-incidents/:id',
      {
        schema: {
          tags,
          summary: 'One incident',
          params: idParamsSchema,
          response: { 200: channelIncidentSchema },
        },
      },
      async (request) => warnings.getIncident(contextOf(request), request.params.id),
    );
    r.patch(
      '/api/channel-incidents/:id',
      {
        schema: {
          tags,
          summary: 'Update an incident (resolved, loss claimed vs compensated)',
          params: idParamsSchema,
          body: updateChannelIncidentSchema,
          response: { 200: channelIncidentSchema },
        },
      },
      async (request) => warnings.updateIncident(contextOf(request), request.params.id, request.body),
    );

    // ── promises ──
    r.get(
      '/api/channel-promises',
      {
        schema: {
          tags,
          summary: '承诺 Promises to distributors in scope (overdue first)',
          querystring: channelPromiseListQuerySchema,
          response: { 200: listResponseSchema(channelPromiseSchema) },
        },
      },
      async (request) => warnings.findPromises(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-promises',
      {
        schema: {
          tags,
          summary: 'Record a promise made to a distributor',
          body: createChannelPromiseSchema,
          response: { 201: channelPromiseSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await warnings.createPromise(contextOf(request), request.body)),
    );
    r.patch(
      '/api/channel-promises/:id',
      {
        schema: {
          tags,
          summary: 'Mark a promise kept or broken (with a note), or move its due date',
          params: idParamsSchema,
          body: updateChannelPromiseSchema,
          response: { 200: channelPromiseSchema },
        },
      },
      async (request) => warnings.updatePromise(contextOf(request), request.params.id, request.body),
    );

    // ── health ──
    r.get(
      '/api/channel-health',
      {
        schema: {
          tags,
          summary: '经销商健康度 Monthly health score of one distributor (last 12 months)',
          querystring: channelHealthQuerySchema,
          response: { 200: channelHealthTrendSchema },
        },
      },
      async (request) => warnings.healthTrend(contextOf(request), request.query.channelCustomerId),
    );
    r.get(
      '/api/channel-health/latest',
      {
        schema: {
          tags,
          summary: 'Latest health score per distributor in scope and its change vs three months before',
          response: { 200: listResponseSchema(channelHealthLatestSchema) },
        },
      },
      async (request) => warnings.latestHealth(contextOf(request)),
    );
  };
}

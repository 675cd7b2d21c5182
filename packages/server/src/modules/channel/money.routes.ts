import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  channelBillBounceSchema,
  channelBillDecisionSchema,
  channelBillListQuerySchema,
  channelBillSchema,
  channelPromotionDecisionSchema,
  channelPromotionDetailSchema,
  channelPromotionEvaluationSchema,
  channelPromotionListQuerySchema,
  channelPromotionPayoutSchema,
  channelPromotionSchema,
  channelPromotionVersionSchema,
  channelRiskEventListQuerySchema,
  channelRiskEventSchema,
  createChannelBillSchema,
  createChannelPromotionPayoutSchema,
  createChannelPromotionSchema,
  createChannelRiskEventSchema,
  createLedgerEntrySchema,
  createLedgerReconciliationSchema,
  idParamsSchema,
  ledgerEntryListQuerySchema,
  ledgerEntrySchema,
  ledgerReconciliationListQuerySchema,
  ledgerReconciliationSchema,
  listResponseSchema,
  receivableDetailSchema,
  receivableListQuerySchema,
  receivableParamsSchema,
  receivableSchema,
  updateChannelPromotionSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createMoneyService } from './money.service.ts';
import { createPromotionsService } from './money.promotions.service.ts';

const tags = ['channel-money'];

/** 业务帐、回款、对账、票据、风险事件、促销 */
export function moneyRoutes(deps: { db: Db; now?: () => Date }) {
  const money = createMoneyService(deps);
  const promotions = createPromotionsService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── Ledger 业务帐 ──────────────────────────────────────────────────────
    r.get(
      '/api/ledger-entries',
      {
        schema: {
          tags,
          summary: '业务帐 Ledger entries (newest first) with the running balance',
          querystring: ledgerEntryListQuerySchema,
          response: { 200: listResponseSchema(ledgerEntrySchema) },
        },
      },
      async (request) => money.findLedgerEntries(contextOf(request), request.query),
    );
    r.post(
      '/api/ledger-entries',
      {
        schema: {
          tags,
          summary:
            'Record a payment 回款 (idempotent on clientId) or an adjustment (manager/admin, with a reason)',
          body: createLedgerEntrySchema,
          response: { 200: ledgerEntrySchema, 201: ledgerEntrySchema },
        },
      },
      async (request, reply) => {
        const { entry, created } = await money.createLedgerEntry(contextOf(request), request.body);
        return reply.status(created ? 201 : 200).send(entry);
      },
    );
    r.get(
      '/api/receivables',
      {
        schema: {
          tags,
          summary:
            '应收 Receivables per channel customer: balance, credit limit, overdue, ageing, 对账, risk level',
          querystring: receivableListQuerySchema,
          response: { 200: listResponseSchema(receivableSchema) },
        },
      },
      async (request) => money.findReceivables(contextOf(request), request.query),
    );
    r.get(
      '/api/receivables/:channelCustomerId',
      {
        schema: {
          tags,
          summary: 'One customer’s receivables with the open items behind the ageing buckets',
          params: receivableParamsSchema,
          response: { 200: receivableDetailSchema },
        },
      },
      async (request) => money.getReceivable(contextOf(request), request.params.channelCustomerId),
    );

    // ── Reconciliation 对账 ────────────────────────────────────────────────
    r.get(
      '/api/ledger-reconciliations',
      {
        schema: {
          tags,
          summary: '对账 Reconciliations (newest period first)',
          querystring: ledgerReconciliationListQuerySchema,
          response: { 200: listResponseSchema(ledgerReconciliationSchema) },
        },
      },
      async (request) => money.findReconciliations(contextOf(request), request.query),
    );
    r.post(
      '/api/ledger-reconciliations',
      {
        schema: {
          tags,
          summary:
            'Record a reconciliation: our balance at the period end vs the one the distributor confirmed',
          body: createLedgerReconciliationSchema,
          response: { 201: ledgerReconciliationSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await money.createReconciliation(contextOf(request), request.body)),
    );

    // ── Bills 票据 ─────────────────────────────────────────────────────────
    r.get(
      '/api/channel-bills',
      {
        schema: {
          tags,
          summary: '票据 Bills received',
          querystring: channelBillListQuerySchema,
          response: { 200: listResponseSchema(channelBillSchema) },
        },
      },
      async (request) => money.findBills(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-bills',
      {
        schema: {
          tags,
          summary:
            'Record a bill: bank acceptance and cheque pay at once; commercial acceptance awaits approval',
          body: createChannelBillSchema,
          response: { 201: channelBillSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await money.createBill(contextOf(request), request.body)),
    );
    r.post(
      '/api/channel-bills/:id/decision',
      {
        schema: {
          tags,
          summary: 'Approve or reject a commercial acceptance draft (the entering rep’s manager or admin)',
          params: idParamsSchema,
          body: channelBillDecisionSchema,
          response: { 200: channelBillSchema },
        },
      },
      async (request) => money.decideBill(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/channel-bills/:id/bounce',
      {
        schema: {
          tags,
          summary: '退票: reverse the bill’s payment and raise a billBounced risk event',
          params: idParamsSchema,
          body: channelBillBounceSchema,
          response: { 200: channelBillSchema },
        },
      },
      async (request) => money.bounceBill(contextOf(request), request.params.id, request.body ?? {}),
    );

    // ── Risk events 风险信号 ──────────────────────────────────────────────
    r.get(
      '/api/channel-risk-events',
      {
        schema: {
          tags,
          summary: '风险信号 Risk events (newest first)',
          querystring: channelRiskEventListQuerySchema,
          response: { 200: listResponseSchema(channelRiskEventSchema) },
        },
      },
      async (request) => money.findRiskEvents(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-risk-events',
      {
        schema: {
          tags,
          summary:
            'Record a warning signal (order jump, finance staff replaced, lawsuit …) with severity 1–3',
          body: createChannelRiskEventSchema,
          response: { 201: channelRiskEventSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await money.createRiskEvent(contextOf(request), request.body)),
    );

    // ── Promotions 促销 ────────────────────────────────────────────────────
    r.get(
      '/api/channel-promotions',
      {
        schema: {
          tags,
          summary: '渠道促销 Promotions (for channel customers only)',
          querystring: channelPromotionListQuerySchema,
          response: { 200: listResponseSchema(channelPromotionSchema) },
        },
      },
      async (request) => promotions.findPromotions(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-promotions',
      {
        schema: {
          tags,
          summary: 'Create a draft promotion owned by the caller (never targeting a doctor)',
          body: createChannelPromotionSchema,
          response: { 201: channelPromotionDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await promotions.createPromotion(contextOf(request), request.body)),
    );
    r.get(
      '/api/channel-promotions/:id',
      {
        schema: {
          tags,
          summary: 'One promotion with its payouts',
          params: idParamsSchema,
          response: { 200: channelPromotionDetailSchema },
        },
      },
      async (request) => promotions.getPromotion(contextOf(request), request.params.id),
    );
    r.patch(
      '/api/channel-promotions/:id',
      {
        schema: {
          tags,
          summary: 'Change a draft or rejected promotion (version)',
          params: idParamsSchema,
          body: updateChannelPromotionSchema,
          response: { 200: channelPromotionDetailSchema },
        },
      },
      async (request) => promotions.updatePromotion(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/channel-promotions/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit a promotion for approval',
          params: idParamsSchema,
          body: channelPromotionVersionSchema,
          response: { 200: channelPromotionDetailSchema },
        },
      },
      async (request) => promotions.submitPromotion(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/channel-promotions/:id/decision',
      {
        schema: {
          tags,
          summary: 'Approve or reject a submitted promotion (the owner’s manager or admin, never the owner)',
          params: idParamsSchema,
          body: channelPromotionDecisionSchema,
          response: { 200: channelPromotionDetailSchema },
        },
      },
      async (request) => promotions.decidePromotion(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/channel-promotions/:id/payouts',
      {
        schema: {
          tags,
          summary: '兑付 a payout to a targeted channel customer (over budget: the manager approves)',
          params: idParamsSchema,
          body: createChannelPromotionPayoutSchema,
          response: { 201: channelPromotionPayoutSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await promotions.createPayout(contextOf(request), request.params.id, request.body)),
    );
    r.get(
      '/api/channel-promotions/:id/evaluation',
      {
        schema: {
          tags,
          summary:
            'Sell-through during the period vs the same number of days before, uplift, cost per extra unit',
          params: idParamsSchema,
          response: { 200: channelPromotionEvaluationSchema },
        },
      },
      async (request) => promotions.evaluatePromotion(contextOf(request), request.params.id),
    );
  };
}

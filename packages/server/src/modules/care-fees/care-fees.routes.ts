import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  careFeeAccountListQuerySchema,
  careFeeAccountSchema,
  careFeeClaimListQuerySchema,
  careFeeClaimSchema,
  careFeeClaimSummarySchema,
  careFeeSpecialApplicationSchema,
  careFeeSpecialListQuerySchema,
  careFeeSpotCheckInputSchema,
  createCareFeeClaimSchema,
  createCareFeeSpecialSchema,
  idParamsSchema,
  listResponseSchema,
  payCareFeeClaimSchema,
  signCareFeeSchema,
  submitCareFeeClaimSchema,
  updateCareFeeClaimSchema,
  upsertCareFeeAccountSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createCareFeesService } from './care-fees.service.ts';

const tags = ['care-fees'];

/** 客情费: budget accounts, monthly claims signed clerk → manager → finance, special fees, payout, spot checks */
export function careFeesRoutes(deps: { db: Db; now?: () => Date }) {
  const fees = createCareFeesService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/care-fee-accounts',
      {
        schema: {
          tags,
          summary: '客情费科目 Budget accounts of a year with spent and remaining',
          querystring: careFeeAccountListQuerySchema,
          response: { 200: listResponseSchema(careFeeAccountSchema) },
        },
      },
      async (request) => fees.findAccounts(contextOf(request), request.query),
    );
    r.put(
      '/api/care-fee-accounts',
      {
        schema: {
          tags,
          summary: 'Set the budget and rate of a product for a year (admin)',
          body: upsertCareFeeAccountSchema,
          response: { 200: careFeeAccountSchema },
        },
      },
      async (request) => fees.upsertAccount(contextOf(request), request.body),
    );

    r.get(
      '/api/care-fee-claims',
      {
        schema: {
          tags,
          summary: '客情费申请 Monthly claims (rep own, manager team, admin/compliance all)',
          querystring: careFeeClaimListQuerySchema,
          response: { 200: listResponseSchema(careFeeClaimSummarySchema) },
        },
      },
      async (request) => fees.findClaims(contextOf(request), request.query),
    );
    r.get(
      '/api/care-fee-claims/:id',
      {
        schema: {
          tags,
          summary: 'One claim with its statement lines, signatures and spot check',
          params: idParamsSchema,
          response: { 200: careFeeClaimSchema },
        },
      },
      async (request) => fees.getClaim(contextOf(request), request.params.id),
    );
    r.post(
      '/api/care-fee-claims',
      {
        schema: {
          tags,
          summary: 'Claim care fees for a past month; the server fills net sales, collection and payable',
          body: createCareFeeClaimSchema,
          response: { 201: careFeeClaimSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await fees.createClaim(contextOf(request), request.body)),
    );
    r.patch(
      '/api/care-fee-claims/:id',
      {
        schema: {
          tags,
          summary: 'Replace the lines of a draft claim',
          params: idParamsSchema,
          body: updateCareFeeClaimSchema,
          response: { 200: careFeeClaimSchema },
        },
      },
      async (request) => fees.updateClaim(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/care-fee-claims/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit a draft claim for signatures',
          params: idParamsSchema,
          body: submitCareFeeClaimSchema,
          response: { 200: careFeeClaimSchema },
        },
      },
      async (request) => fees.submitClaim(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/care-fee-claims/:id/sign',
      {
        schema: {
          tags,
          summary: 'Sign (or reject) the next step: sales clerk → sales manager → finance',
          params: idParamsSchema,
          body: signCareFeeSchema,
          response: { 200: careFeeClaimSchema },
        },
      },
      async (request) => fees.signClaim(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/care-fee-claims/:id/pay',
      {
        schema: {
          tags,
          summary: 'Record the payout of an approved claim (the owner; advance within the cap)',
          params: idParamsSchema,
          body: payCareFeeClaimSchema,
          response: { 200: careFeeClaimSchema },
        },
      },
      async (request) => fees.payClaim(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/care-fee-claims/:id/spot-check',
      {
        schema: {
          tags,
          summary: 'The manager’s spot check of 3 paid customers of a paid claim',
          params: idParamsSchema,
          body: careFeeSpotCheckInputSchema,
          response: { 200: careFeeClaimSchema },
        },
      },
      async (request) => fees.spotCheck(contextOf(request), request.params.id, request.body),
    );

    r.get(
      '/api/care-fee-special-applications',
      {
        schema: {
          tags,
          summary: '新客户特殊费用 applications',
          querystring: careFeeSpecialListQuerySchema,
          response: { 200: listResponseSchema(careFeeSpecialApplicationSchema) },
        },
      },
      async (request) => fees.findSpecials(contextOf(request), request.query),
    );
    r.post(
      '/api/care-fee-special-applications',
      {
        schema: {
          tags,
          summary: 'Apply for a new customer’s special fee before the contract date',
          body: createCareFeeSpecialSchema,
          response: { 201: careFeeSpecialApplicationSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await fees.createSpecial(contextOf(request), request.body)),
    );
    r.post(
      '/api/care-fee-special-applications/:id/sign',
      {
        schema: {
          tags,
          summary: 'Sign (or reject) the next step of a special-fee application',
          params: idParamsSchema,
          body: signCareFeeSchema,
          response: { 200: careFeeSpecialApplicationSchema },
        },
      },
      async (request) => fees.signSpecial(contextOf(request), request.params.id, request.body),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changeChannelCustomerStatusSchema,
  channelAttritionQuerySchema,
  channelAttritionSchema,
  channelContactSchema,
  channelCustomerDetailSchema,
  channelCustomerListQuerySchema,
  channelCustomerSchema,
  channelLicenceListQuerySchema,
  channelLicenceSchema,
  channelProductListQuerySchema,
  channelProductSchema,
  channelStatusHistorySchema,
  channelTierPricesSchema,
  channelVisitDueQuerySchema,
  channelVisitDueSchema,
  channelVisitListQuerySchema,
  channelVisitSchema,
  createChannelContactSchema,
  createChannelCustomerSchema,
  createChannelLicenceSchema,
  createChannelVisitSchema,
  createRebatePolicySchema,
  createSupplyContractSchema,
  idParamsSchema,
  listResponseSchema,
  productIdParamsSchema,
  putChannelProductSchema,
  putChannelTierPricesSchema,
  rebatePolicyListQuerySchema,
  rebatePolicySchema,
  supplyContractListQuerySchema,
  supplyContractSchema,
  updateChannelContactSchema,
  updateChannelCustomerSchema,
  updateChannelLicenceSchema,
  updateRebatePolicySchema,
  updateSupplyContractSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { contextOf } from '../../http/route-context.ts';
import { createPartiesService } from './parties.service.ts';

const tags = ['channel'];

/** 渠道客户、证照、联系人、合同、渠道产品与价格、返利政策、终端拜访 */
export function partiesRoutes(deps: { db: Db; today?: () => string }) {
  const parties = createPartiesService(deps);
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // ── channel customers ──
    r.get(
      '/api/channel-customers',
      {
        schema: {
          tags,
          summary: '渠道客户 Channel customers in the caller’s scope (q: name or pinyin initials)',
          querystring: channelCustomerListQuerySchema,
          response: { 200: listResponseSchema(channelCustomerSchema) },
        },
      },
      async (request) => parties.findCustomers(contextOf(request), request.query),
    );
    // registered before /:id so 'attrition' is not taken for an id
    r.get(
      '/api/channel-customers/attrition',
      {
        schema: {
          tags,
          summary: '流失率 Attrition per year: designated on 1 January, lost during the year, rate',
          querystring: channelAttritionQuerySchema,
          response: { 200: channelAttritionSchema },
        },
      },
      async (request) => parties.attrition(contextOf(request), request.query),
    );
    r.get(
      '/api/channel-customers/:id',
      {
        schema: {
          tags,
          summary: 'One channel customer with its authorisations and territories',
          params: idParamsSchema,
          response: { 200: channelCustomerDetailSchema },
        },
      },
      async (request) => parties.getCustomer(contextOf(request), request.params.id),
    );
    r.post(
      '/api/channel-customers',
      {
        schema: {
          tags,
          summary: 'Create a channel customer (a rep’s or manager’s joins one of their territories)',
          body: createChannelCustomerSchema,
          response: { 201: channelCustomerDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await parties.createCustomer(contextOf(request), request.body)),
    );
    r.patch(
      '/api/channel-customers/:id',
      {
        schema: {
          tags,
          summary: 'Update a channel customer (send the version you read; 409 if stale)',
          params: idParamsSchema,
          body: updateChannelCustomerSchema,
          response: { 200: channelCustomerDetailSchema },
        },
      },
      async (request) => parties.updateCustomer(contextOf(request), request.params.id, request.body),
    );
    r.post(
      '/api/channel-customers/:id/status',
      {
        schema: {
          tags,
          summary: '指定/暂停/流失 Change the status with a reason (history row, audited)',
          params: idParamsSchema,
          body: changeChannelCustomerStatusSchema,
          response: { 200: channelCustomerDetailSchema },
        },
      },
      async (request) => parties.changeStatus(contextOf(request), request.params.id, request.body),
    );
    r.get(
      '/api/channel-customers/:id/status-history',
      {
        schema: {
          tags,
          summary: 'Status history of a channel customer, newest first',
          params: idParamsSchema,
          response: { 200: listResponseSchema(channelStatusHistorySchema) },
        },
      },
      async (request) => parties.findStatusHistory(contextOf(request), request.params.id),
    );

    // ── licences ──
    r.get(
      '/api/channel-customers/:id/licences',
      {
        schema: {
          tags,
          summary: '证照 Licences of a channel customer with their expiry state',
          params: idParamsSchema,
          response: { 200: listResponseSchema(channelLicenceSchema) },
        },
      },
      async (request) => parties.findCustomerLicences(contextOf(request), request.params.id),
    );
    r.post(
      '/api/channel-customers/:id/licences',
      {
        schema: {
          tags,
          summary: 'Add a licence to a channel customer',
          params: idParamsSchema,
          body: createChannelLicenceSchema,
          response: { 201: channelLicenceSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await parties.createLicence(contextOf(request), request.params.id, request.body)),
    );
    r.get(
      '/api/channel-licences',
      {
        schema: {
          tags,
          summary:
            'Licences in scope, soonest expiry first (expiringWithinDays: expired and ending within N days)',
          querystring: channelLicenceListQuerySchema,
          response: { 200: listResponseSchema(channelLicenceSchema) },
        },
      },
      async (request) => parties.findLicences(contextOf(request), request.query),
    );
    r.patch(
      '/api/channel-licences/:id',
      {
        schema: {
          tags,
          summary: 'Update a licence (version)',
          params: idParamsSchema,
          body: updateChannelLicenceSchema,
          response: { 200: channelLicenceSchema },
        },
      },
      async (request) => parties.updateLicence(contextOf(request), request.params.id, request.body),
    );
    r.delete(
      '/api/channel-licences/:id',
      { schema: { tags, summary: 'Delete a licence (audited)', params: idParamsSchema } },
      async (request, reply) => {
        await parties.deleteLicence(contextOf(request), request.params.id);
        return reply.status(204).send();
      },
    );

    // ── contacts ──
    r.get(
      '/api/channel-customers/:id/contacts',
      {
        schema: {
          tags,
          summary: 'Contacts of a channel customer (incl. 采购主管, 会计, 出纳)',
          params: idParamsSchema,
          response: { 200: listResponseSchema(channelContactSchema) },
        },
      },
      async (request) => parties.findContacts(contextOf(request), request.params.id),
    );
    r.post(
      '/api/channel-customers/:id/contacts',
      {
        schema: {
          tags,
          summary: 'Add a contact to a channel customer',
          params: idParamsSchema,
          body: createChannelContactSchema,
          response: { 201: channelContactSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await parties.createContact(contextOf(request), request.params.id, request.body)),
    );
    r.patch(
      '/api/channel-contacts/:id',
      {
        schema: {
          tags,
          summary: 'Update a channel contact (version)',
          params: idParamsSchema,
          body: updateChannelContactSchema,
          response: { 200: channelContactSchema },
        },
      },
      async (request) => parties.updateContact(contextOf(request), request.params.id, request.body),
    );

    // ── supply contracts ──
    r.get(
      '/api/supply-contracts',
      {
        schema: {
          tags,
          summary: '供货合同 Supply contracts in scope',
          querystring: supplyContractListQuerySchema,
          response: { 200: listResponseSchema(supplyContractSchema) },
        },
      },
      async (request) => parties.findContracts(contextOf(request), request.query),
    );
    r.get(
      '/api/supply-contracts/:id',
      {
        schema: {
          tags,
          summary: 'One supply contract with its lines',
          params: idParamsSchema,
          response: { 200: supplyContractSchema },
        },
      },
      async (request) => parties.getContract(contextOf(request), request.params.id),
    );
    r.post(
      '/api/supply-contracts',
      {
        schema: {
          tags,
          summary: 'Create a supply contract (line amounts = quantity × unit price)',
          body: createSupplyContractSchema,
          response: { 201: supplyContractSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await parties.createContract(contextOf(request), request.body)),
    );
    r.patch(
      '/api/supply-contracts/:id',
      {
        schema: {
          tags,
          summary: 'Update a supply contract (version; lines, when sent, replace the lines)',
          params: idParamsSchema,
          body: updateSupplyContractSchema,
          response: { 200: supplyContractSchema },
        },
      },
      async (request) => parties.updateContract(contextOf(request), request.params.id, request.body),
    );

    // ── channel products ──
    r.get(
      '/api/channel-products',
      {
        schema: {
          tags,
          summary:
            'Every product with its channel row (tier role, lifecycle, prices, margins vs the competitor)',
          querystring: channelProductListQuerySchema,
          response: { 200: listResponseSchema(channelProductSchema) },
        },
      },
      async (request) => parties.findChannelProducts(contextOf(request), request.query),
    );
    r.put(
      '/api/channel-products/:productId',
      {
        schema: {
          tags,
          summary: 'Create or replace a product’s channel row (admin; version once it exists)',
          params: productIdParamsSchema,
          body: putChannelProductSchema,
          response: { 200: channelProductSchema },
        },
      },
      async (request) =>
        parties.putChannelProduct(contextOf(request), request.params.productId, request.body),
    );
    r.get(
      '/api/channel-products/:productId/tier-prices',
      {
        schema: {
          tags,
          summary: '供货价 and 限价 per distributor tier',
          params: productIdParamsSchema,
          response: { 200: channelTierPricesSchema },
        },
      },
      async (request) => parties.findTierPrices(contextOf(request), request.params.productId),
    );
    r.put(
      '/api/channel-products/:productId/tier-prices',
      {
        schema: {
          tags,
          summary: 'Replace the tier prices of a product (admin)',
          params: productIdParamsSchema,
          body: putChannelTierPricesSchema,
          response: { 200: channelTierPricesSchema },
        },
      },
      async (request) => parties.putTierPrices(contextOf(request), request.params.productId, request.body),
    );

    // ── rebate policies ──
    r.get(
      '/api/rebate-policies',
      {
        schema: {
          tags,
          summary: '返利政策 Rebate policies (everyone reads)',
          querystring: rebatePolicyListQuerySchema,
          response: { 200: listResponseSchema(rebatePolicySchema) },
        },
      },
      async (request) => parties.findRebatePolicies(contextOf(request), request.query),
    );
    r.post(
      '/api/rebate-policies',
      {
        schema: {
          tags,
          summary: 'Create a rebate policy (admin)',
          body: createRebatePolicySchema,
          response: { 201: rebatePolicySchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await parties.createRebatePolicy(contextOf(request), request.body)),
    );
    r.patch(
      '/api/rebate-policies/:id',
      {
        schema: {
          tags,
          summary: 'Update a rebate policy (admin, version)',
          params: idParamsSchema,
          body: updateRebatePolicySchema,
          response: { 200: rebatePolicySchema },
        },
      },
      async (request) => parties.updateRebatePolicy(contextOf(request), request.params.id, request.body),
    );

    // ── channel visits ──
    r.get(
      '/api/channel-visits',
      {
        schema: {
          tags,
          summary: '渠道拜访 Visits, calls and messages to channel customers in scope, newest first',
          querystring: channelVisitListQuerySchema,
          response: { 200: listResponseSchema(channelVisitSchema) },
        },
      },
      async (request) => parties.findVisits(contextOf(request), request.query),
    );
    r.get(
      '/api/channel-visits/due',
      {
        schema: {
          tags,
          summary: 'Pharmacies and clinics in scope due or overdue for a visit by their terminal tier',
          querystring: channelVisitDueQuerySchema,
          response: { 200: listResponseSchema(channelVisitDueSchema) },
        },
      },
      async (request) => parties.findDueVisits(contextOf(request), request.query),
    );
    r.post(
      '/api/channel-visits',
      {
        schema: {
          tags,
          summary: 'Log a visit, call or message to a channel customer in scope (rep or manager)',
          body: createChannelVisitSchema,
          response: { 201: channelVisitSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await parties.createVisit(contextOf(request), request.body)),
    );
  };
}

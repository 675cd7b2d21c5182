import type { FastifyInstance } from 'fastify';
import {
  channelCustomerListQuerySchema,
  channelCustomerSchema,
  hospitalListQuerySchema,
  hospitalSchema,
  listQuerySchema,
  productSchema,
} from '@keqing/shared';
import { registerCollection } from '../../http/collection-routes.ts';
import type { AccountsService } from './accounts.service.ts';

export function accountsRoutes(deps: { accounts: AccountsService }) {
  const { accounts } = deps;
  return async function (app: FastifyInstance) {
    registerCollection(app, {
      path: '/api/hospitals',
      tag: 'accounts',
      label: '医院 Hospital',
      item: hospitalSchema,
      listQuery: hospitalListQuerySchema,
      list: accounts.findHospitals,
      get: accounts.getHospital,
    });
    registerCollection(app, {
      path: '/api/products',
      tag: 'accounts',
      label: '产品 Product',
      item: productSchema,
      listQuery: listQuerySchema,
      list: accounts.findProducts,
      get: accounts.getProduct,
    });
    registerCollection(app, {
      path: '/api/channel-customers',
      tag: 'accounts',
      label: '渠道客户 Channel customer',
      item: channelCustomerSchema,
      listQuery: channelCustomerListQuerySchema,
      list: accounts.findChannelCustomers,
      get: accounts.getChannelCustomer,
    });
  };
}

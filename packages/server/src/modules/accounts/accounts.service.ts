import type { z } from 'zod';
import type {
  ChannelCustomer,
  channelCustomerListQuerySchema,
  Hospital,
  hospitalListQuerySchema,
  ListQuery,
  ListResponse,
  Product,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { scopeOf } from '../../scope/scope.ts';
import * as repo from './accounts.repository.ts';

const page = <T>(rows: T[], total: number, q: ListQuery): ListResponse<T> => ({
  items: rows,
  total,
  page: q.page,
  pageSize: q.pageSize,
});

export function createAccountsService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Hospitals of the caller's territories (all for admin and compliance). */
    async findHospitals(
      ctx: RequestContext,
      q: z.infer<typeof hospitalListQuerySchema>,
    ): Promise<ListResponse<Hospital>> {
      const scope = scopeOf(ctx.actor).hospitals(repo.hospitals.id);
      const { rows, total } = await repo.findHospitals(db, { ...q, scope }, q);
      return page(rows as Hospital[], total, q);
    },
    async getHospital(ctx: RequestContext, id: string): Promise<Hospital> {
      const row = await repo.getHospital(db, id, scopeOf(ctx.actor).hospitals(repo.hospitals.id));
      if (!row) throw notFound();
      return row as Hospital;
    },
    /** The product catalogue is the same for everyone signed in. */
    async findProducts(_ctx: RequestContext, q: ListQuery): Promise<ListResponse<Product>> {
      const { rows, total } = await repo.findProducts(db, q, q);
      return page(rows, total, q);
    },
    async getProduct(_ctx: RequestContext, id: string): Promise<Product> {
      return (await repo.getProduct(db, id)) ?? Promise.reject(notFound());
    },
    async findChannelCustomers(
      ctx: RequestContext,
      q: z.infer<typeof channelCustomerListQuerySchema>,
    ): Promise<ListResponse<ChannelCustomer>> {
      const scope = scopeOf(ctx.actor).channelCustomers(repo.channelCustomers.id);
      const { rows, total } = await repo.findChannelCustomers(db, { ...q, scope }, q);
      return page(rows, total, q);
    },
    async getChannelCustomer(ctx: RequestContext, id: string): Promise<ChannelCustomer> {
      const row = await repo.getChannelCustomer(
        db,
        id,
        scopeOf(ctx.actor).channelCustomers(repo.channelCustomers.id),
      );
      if (!row) throw notFound();
      return row;
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;

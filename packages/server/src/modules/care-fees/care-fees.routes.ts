import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 客情费: budget accounts, monthly claims signed clerk → manager → finance, special fees, payout, spot checks */
export function careFeesRoutes(deps: { db: Db }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

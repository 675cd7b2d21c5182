import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 业务帐、回款、对账、票据、风险事件、促销 */
export function moneyRoutes(deps: { db: Db }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

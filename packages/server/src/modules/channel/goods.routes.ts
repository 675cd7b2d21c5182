import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 订单、送货/退货、库存、流向导入 */
export function goodsRoutes(deps: { db: Db }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

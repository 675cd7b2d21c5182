import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 渠道客户、证照、联系人、合同、渠道产品与价格、返利政策、终端拜访 */
export function partiesRoutes(deps: { db: Db }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 渠道预警、冲货事件、承诺、健康度、渠道设置 */
export function warningsRoutes(deps: { db: Db }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

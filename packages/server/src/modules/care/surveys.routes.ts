import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 满意度调查 */
export function surveysRoutes(deps: { db: Db }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

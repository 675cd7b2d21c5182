import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 学术会议/科室会 */
export function eventsRoutes(deps: { db: Db }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

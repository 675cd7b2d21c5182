import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

export function orgDashboardRoutes(deps: { db: Db; now?: () => Date }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

import type { FastifyInstance } from 'fastify';
import type { CallsService } from './calls.service.ts';

export function callsRoutes(deps: { calls: CallsService }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

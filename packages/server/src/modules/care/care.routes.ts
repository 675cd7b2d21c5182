import type { FastifyInstance } from 'fastify';
import type { CareService } from './care.service.ts';

export function careRoutes(deps: { care: CareService }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

import type { FastifyInstance } from 'fastify';
import type { PlanningService } from './planning.service.ts';

export function planningRoutes(deps: { planning: PlanningService }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

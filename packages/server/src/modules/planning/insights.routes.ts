import type { FastifyInstance } from 'fastify';
import type { PlanningInsightsService } from './insights.service.ts';

export function planningInsightsRoutes(deps: { insights: PlanningInsightsService }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

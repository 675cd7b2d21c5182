import type { FastifyInstance } from 'fastify';
import type { CarePlansService } from './care-plans.service.ts';

export function carePlansRoutes(deps: { carePlans: CarePlansService }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

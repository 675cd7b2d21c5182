import type { FastifyInstance } from 'fastify';
import type { ComplaintsService } from './complaints.service.ts';

export function complaintsRoutes(deps: { complaints: ComplaintsService }) {
  void deps;
  return async function (app: FastifyInstance) {
    void app;
  };
}

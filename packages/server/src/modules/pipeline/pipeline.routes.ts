import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 进药 pipeline */
export function pipelineRoutes(_deps: { db: Db; now?: () => Date }) {
  return async function (_app: FastifyInstance) {};
}

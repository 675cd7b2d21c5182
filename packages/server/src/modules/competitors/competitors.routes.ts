import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 竞品情报 competitor intelligence */
export function competitorsRoutes(_deps: { db: Db; now?: () => Date }) {
  return async function (_app: FastifyInstance) {};
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 交接 hand-over */
export function handoverRoutes(_deps: { db: Db; now?: () => Date }) {
  return async function (_app: FastifyInstance) {};
}

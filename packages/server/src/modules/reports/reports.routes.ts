import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 日报/周报 daily and weekly reports */
export function reportsRoutes(_deps: { db: Db; now?: () => Date }) {
  return async function (_app: FastifyInstance) {};
}

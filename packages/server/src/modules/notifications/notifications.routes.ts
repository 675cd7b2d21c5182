import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 通知 notifications */
export function notificationsRoutes(_deps: { db: Db; now?: () => Date }) {
  return async function (_app: FastifyInstance) {};
}

import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';

/** 客户开发 channel prospects */
export function prospectsRoutes(_deps: { db: Db; now?: () => Date }) {
  return async function (_app: FastifyInstance) {};
}

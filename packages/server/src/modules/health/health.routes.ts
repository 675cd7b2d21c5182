import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../errors/app-error.ts';

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  db: z.enum(['pglite', 'postgres']),
});

export function healthRoutes(deps: { database: Pick<Database, 'db' | 'engine'>; version: string }) {
  return async function (app: FastifyInstance) {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/health',
      {
        config: { public: true },
        schema: { tags: ['system'], summary: '健康检查 Health', response: { 200: healthSchema } },
      },
      async () => {
        try {
          await deps.database.db.execute(sql`select 1`);
        } catch (err) {
          throw new AppError('DB_UNAVAILABLE', { cause: err });
        }
        return { status: 'ok' as const, version: deps.version, db: deps.database.engine };
      },
    );
  };
}

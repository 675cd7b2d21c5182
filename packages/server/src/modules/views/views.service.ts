import type { z } from 'zod';
import type {
  createSavedViewSchema,
  ListResponse,
  SavedView,
  savedViewListQuerySchema,
  updateSavedViewSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './views.repository.ts';
import { listOf } from '../../db/list.ts';

const nameTaken = (name: string) => (err: unknown) => {
  if (isUniqueViolation(err))
    throw new AppError('CONFLICT', { messageKey: 'accounts.savedView.nameTaken', params: { name } });
  throw err;
};

/**
 * 保存的视图: a user's saved list filters, sort and columns. Every role (compliance included) keeps
 * its own views; nobody reads or changes anyone else's — another user's view id answers 404.
 */
export function createViewsService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async findViews(
      ctx: RequestContext,
      q: z.infer<typeof savedViewListQuerySchema>,
    ): Promise<ListResponse<SavedView>> {
      const { rows, total } = await repo.findViews(db, ctx.actor.id, q, q);
      return listOf(rows, total, q);
    },
    async getView(ctx: RequestContext, id: string): Promise<SavedView> {
      return (await repo.getView(db, id, ctx.actor.id)) ?? Promise.reject(notFound());
    },
    async createView(ctx: RequestContext, input: z.output<typeof createSavedViewSchema>): Promise<SavedView> {
      return auditedCreate(db, ctx, {
        entity: 'savedView',
        create: (tx) => repo.insertView(tx, { ...input, userId: ctx.actor.id }),
        load: (tx, id) => repo.getView(tx, id, ctx.actor.id),
      }).catch(nameTaken(input.name));
    },
    async updateView(
      ctx: RequestContext,
      id: string,
      input: z.output<typeof updateSavedViewSchema>,
    ): Promise<SavedView> {
      const { version, ...rest } = input;
      return auditedChange(db, ctx, {
        entity: 'savedView',
        id,
        load: (tx) => repo.getView(tx, id, ctx.actor.id),
        write: (tx) => updateVersioned(tx, repo.savedViews, id, version, definedOnly(rest)),
      }).catch(nameTaken(rest.name ?? ''));
    },
    async deleteView(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await repo.getView(tx, id, ctx.actor.id);
        if (!before) throw notFound();
        await repo.deleteView(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'savedView',
          entityId: id,
          action: 'delete',
          before,
        });
      });
    },
  };
}
export type ViewsService = ReturnType<typeof createViewsService>;

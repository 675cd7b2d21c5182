import type { z } from 'zod';
import { chinaDate, mondayOf } from '@keqing/domain';
import type {
  KeyAccountReview,
  keyAccountReviewListQuerySchema,
  ListResponse,
  recordKeyAccountReviewSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import * as repo from './key-account-reviews.repository.ts';
import { listOf } from '../../db/list.ts';

/** 重点管理: 周讨论 — a rep and their manager review the key-account list every week. */
export function createKeyAccountReviewsService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());

  return {
    /** Reviews of the reps the caller may see (a rep: their own; a manager: the team's). */
    async findReviews(
      ctx: RequestContext,
      q: z.infer<typeof keyAccountReviewListQuerySchema>,
    ): Promise<ListResponse<KeyAccountReview>> {
      const scope = scopeOf(ctx.actor).users(repo.keyAccountReviews.ownerId);
      const { rows, total } = await repo.findReviews(db, { ownerId: q.ownerId, scope }, q);
      return listOf(rows, total, q);
    },

    /** Records (or rewrites) the review of one rep's week; the caller is the reviewer. */
    async recordReview(
      ctx: RequestContext,
      input: z.infer<typeof recordKeyAccountReviewSchema>,
    ): Promise<KeyAccountReview> {
      assertMayWrite(ctx.actor);
      const ownerId = input.ownerId ?? ctx.actor.id;
      const owner = await repo.findUserRole(db, ownerId, scopeOf(ctx.actor).users(repo.users.id));
      if (!owner) throw notFound();
      if (owner.role !== 'rep') throw fieldError('body.ownerId', 'segmentation.review.ownerNotRep');
      const weekStart = mondayOf(input.week ?? today());
      if (weekStart > mondayOf(today())) throw fieldError('body.week', 'segmentation.review.weekInFuture');
      return db.transaction(async (tx) => {
        const before = await repo.getReview(tx, ownerId, weekStart);
        await repo.upsertReview(tx, { ownerId, weekStart, note: input.note, reviewedBy: ctx.actor.id });
        const after = (await repo.getReview(tx, ownerId, weekStart))!;
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'keyAccountReview',
          entityId: after.id,
          action: before ? 'update' : 'create',
          before,
          after,
        });
        return after;
      });
    },
  };
}
export type KeyAccountReviewsService = ReturnType<typeof createKeyAccountReviewsService>;

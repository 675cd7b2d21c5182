/** 跟进任务: every submitted next step is a task with a due date; the rep marks it done or not done. */
import type { z } from 'zod';
import { chinaDate } from '@keqing/domain';
import type { FollowUp, followUpListQuerySchema, ListResponse, updateFollowUpSchema } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange } from '../audit/audited.ts';
import * as repo from './follow-ups.repository.ts';

export function createFollowUpsService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const today = deps.today ?? (() => chinaDate(now()));

  const scope = (ctx: RequestContext) => scopeOf(ctx.actor).users(repo.followUps.ownerId);
  const toFollowUp = (row: repo.FollowUpRow, day: string): FollowUp => ({
    ...row,
    overdue: row.status === 'open' && row.dueDate < day,
  });

  return {
    async findFollowUps(
      ctx: RequestContext,
      q: z.infer<typeof followUpListQuerySchema>,
    ): Promise<ListResponse<FollowUp>> {
      const day = today();
      const { rows, total } = await repo.findFollowUps(db, { ...q, scope: scope(ctx), today: day }, q);
      return listOf(
        rows.map((r) => toFollowUp(r, day)),
        total,
        q,
      );
    },

    /** The owner resolves (done / not done), reopens or reschedules a follow-up; resolvedAt follows the status. */
    async updateFollowUp(
      ctx: RequestContext,
      id: string,
      body: z.infer<typeof updateFollowUpSchema>,
    ): Promise<FollowUp> {
      assertMayWrite(ctx.actor);
      const row = await repo.getFollowUp(db, id, scope(ctx));
      if (!row) throw notFound();
      if (row.ownerId !== ctx.actor.id) throw forbidden('calls.followUp.notOwner');
      const after = await auditedChange(db, ctx, {
        entity: 'followUp',
        id,
        load: (tx) => repo.getFollowUp(tx, id),
        write: async (tx, before) => {
          const values: Record<string, unknown> = {};
          if (body.status !== undefined && body.status !== before.status) {
            values.status = body.status;
            values.resolvedAt = body.status === 'open' ? null : now().toISOString();
          }
          if (body.dueDate !== undefined) values.dueDate = body.dueDate;
          if (body.resolutionNote !== undefined) values.resolutionNote = body.resolutionNote;
          await updateVersioned(tx, repo.followUps, id, body.version, values);
        },
      });
      return toFollowUp(after, today());
    },
  };
}
export type FollowUpsService = ReturnType<typeof createFollowUpsService>;

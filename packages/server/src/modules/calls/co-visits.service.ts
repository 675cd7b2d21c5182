/**
 * 协访: a manager joins a rep's call and coaches each of the seven steps (1–5 with a comment); the rep
 * reads and acknowledges it, after which it no longer changes.
 */
import type { z } from 'zod';
import type {
  acknowledgeCoVisitSchema,
  CoVisit,
  coVisitListQuerySchema,
  createCoVisitSchema,
  ListResponse,
  updateCoVisitSchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { listOf } from '../../db/list.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertMayWrite, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { isRepOfManager } from '../users/team-lead.repository.ts';
import * as repo from './co-visits.repository.ts';

type Evaluation = CoVisit['evaluations'][number];

function toCoVisit(row: repo.CoVisitRow): CoVisit {
  const evaluations = row.evaluations as Evaluation[];
  const sum = evaluations.reduce((s, e) => s + e.score, 0);
  return {
    ...row,
    evaluations,
    averageScore: evaluations.length ? Math.round((sum / evaluations.length) * 10) / 10 : null,
  };
}

/** Each step is evaluated once. */
function checkSteps(evaluations: readonly Evaluation[]) {
  const seen = new Set<string>();
  evaluations.forEach((e, i) => {
    if (seen.has(e.step)) throw fieldError(`body.evaluations.${i}.step`, 'calls.coVisit.duplicateStep');
    seen.add(e.step);
  });
}

export function createCoVisitsService(deps: { db: Db; today?: () => string; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  const scope = (ctx: RequestContext) =>
    scopeOf(ctx.actor).coVisits(repo.coVisits.managerId, repo.coVisits.repId);
  async function visible(ctx: RequestContext, id: string) {
    const row = await repo.getCoVisit(db, id, scope(ctx));
    if (!row) throw notFound();
    return row;
  }

  return {
    async findCoVisits(
      ctx: RequestContext,
      q: z.infer<typeof coVisitListQuerySchema>,
    ): Promise<ListResponse<CoVisit>> {
      const { rows, total } = await repo.findCoVisits(db, { ...q, scope: scope(ctx) }, q);
      return listOf(rows.map(toCoVisit), total, q);
    },

    async getCoVisit(ctx: RequestContext, id: string): Promise<CoVisit> {
      return toCoVisit(await visible(ctx, id));
    },

    /** A manager coaches a submitted call of a rep in a team they lead; one co-visit per call. */
    async createCoVisit(ctx: RequestContext, body: z.infer<typeof createCoVisitSchema>): Promise<CoVisit> {
      assertMayWrite(ctx.actor);
      if (ctx.actor.role !== 'manager') throw forbidden('calls.coVisit.managerOnly');
      const call = await repo.getCallForCoVisit(
        db,
        body.callId,
        scopeOf(ctx.actor).users(repo.calls.ownerId),
      );
      if (!call) throw notFound();
      if (call.ownerId === ctx.actor.id || call.ownerRole !== 'rep') {
        throw fieldError('body.callId', 'calls.coVisit.ownerNotRep');
      }
      if (!(await isRepOfManager(db, call.ownerId, ctx.actor.id))) throw notFound();
      if (call.status !== 'submitted') throw fieldError('body.callId', 'calls.coVisit.callNotSubmitted');
      checkSteps(body.evaluations);
      if (await repo.getCoVisitOfCall(db, call.id)) {
        throw new AppError('CONFLICT', { messageKey: 'calls.coVisit.exists' });
      }
      const created = await auditedCreate(db, ctx, {
        entity: 'coVisit',
        create: (tx) =>
          repo.insertCoVisit(tx, {
            callId: call.id,
            managerId: ctx.actor.id,
            repId: call.ownerId,
            evaluations: body.evaluations,
            strengths: body.strengths ?? null,
            improvements: body.improvements ?? null,
          }),
        load: (tx, id) => repo.getCoVisit(tx, id),
      });
      return toCoVisit(created);
    },

    /** The manager who wrote it edits it until the rep acknowledges. */
    async updateCoVisit(
      ctx: RequestContext,
      id: string,
      body: z.infer<typeof updateCoVisitSchema>,
    ): Promise<CoVisit> {
      assertMayWrite(ctx.actor);
      const row = await visible(ctx, id);
      if (row.managerId !== ctx.actor.id) throw forbidden('calls.coVisit.notAuthor');
      if (body.evaluations) checkSteps(body.evaluations);
      const after = await auditedChange(db, ctx, {
        entity: 'coVisit',
        id,
        load: (tx) => repo.getCoVisit(tx, id),
        write: async (tx, before) => {
          if (before.acknowledgedAt)
            throw new AppError('CONFLICT', { messageKey: 'calls.coVisit.acknowledged' });
          const values: Record<string, unknown> = {};
          if (body.evaluations !== undefined) values.evaluations = body.evaluations;
          if (body.strengths !== undefined) values.strengths = body.strengths;
          if (body.improvements !== undefined) values.improvements = body.improvements;
          await updateVersioned(tx, repo.coVisits, id, body.version, values);
        },
      });
      return toCoVisit(after);
    },

    /** The coached rep has read it (once). */
    async acknowledgeCoVisit(
      ctx: RequestContext,
      id: string,
      body: z.infer<typeof acknowledgeCoVisitSchema>,
    ): Promise<CoVisit> {
      assertMayWrite(ctx.actor);
      const row = await visible(ctx, id);
      if (row.repId !== ctx.actor.id) throw forbidden('calls.coVisit.notRep');
      const after = await auditedChange(db, ctx, {
        entity: 'coVisit',
        id,
        load: (tx) => repo.getCoVisit(tx, id),
        write: async (tx, before) => {
          if (before.acknowledgedAt) {
            throw new AppError('CONFLICT', { messageKey: 'calls.coVisit.alreadyAcknowledged' });
          }
          await updateVersioned(tx, repo.coVisits, id, body.version, {
            acknowledgedAt: now().toISOString(),
            repComment: body.repComment ?? null,
          });
        },
      });
      return toCoVisit(after);
    },
  };
}
export type CoVisitsService = ReturnType<typeof createCoVisitsService>;

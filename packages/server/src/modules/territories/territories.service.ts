import type { z } from 'zod';
import { addDays, chinaDate } from '@keqing/domain';
import type {
  assignTerritorySchema,
  createTerritorySchema,
  ListResponse,
  Territory,
  TerritoryDetail,
  territoryListQuerySchema,
  updateTerritorySchema,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as repo from './territories.repository.ts';
import { listOf } from '../../db/list.ts';

type Members = { hospitalIds?: string[]; channelCustomerIds?: string[]; productIds?: string[] };

export function createTerritoriesService(deps: { db: Db; today?: () => string }) {
  const { db } = deps;
  const today = deps.today ?? (() => chinaDate());

  /** Unknown hospital, channel customer or product ids are a 404, not a silent skip. */
  async function checkMembers(tx: Db, m: Members) {
    const checks: [keyof Members, 'hospitals' | 'channelCustomers' | 'products'][] = [
      ['hospitalIds', 'hospitals'],
      ['channelCustomerIds', 'channelCustomers'],
      ['productIds', 'products'],
    ];
    for (const [key, table] of checks) {
      const ids = m[key];
      if (ids && (await repo.countExisting(tx, table, ids)) !== new Set(ids).size) throw notFound();
    }
  }

  async function saveMembers(tx: Db, id: string, m: Members) {
    if (m.hospitalIds) await repo.setHospitals(tx, id, m.hospitalIds);
    if (m.channelCustomerIds) await repo.setChannelCustomers(tx, id, m.channelCustomerIds);
  }

  /** The detail: the territory with what it holds and who covered it when. */
  async function loadDetail(
    tx: Db,
    id: string,
    scope?: ReturnType<ReturnType<typeof scopeOf>['territories']>,
  ) {
    const t = await repo.getTerritory(tx, id, scope);
    if (!t) return undefined;
    const [hospitals, channelCustomers, assignments] = [
      await repo.findTerritoryHospitals(tx, id),
      await repo.findTerritoryChannelCustomers(tx, id),
      await repo.findAssignments(tx, id),
    ];
    return {
      ...t,
      hospitals,
      channelCustomers,
      assignments,
      // sets in the audit log as sorted id lists
      hospitalIds: hospitals.map((h) => h.id).sort(),
      channelCustomerIds: channelCustomers.map((c) => c.id).sort(),
    };
  }
  const publicDetail = ({
    hospitalIds: _h,
    channelCustomerIds: _c,
    ...d
  }: NonNullable<Awaited<ReturnType<typeof loadDetail>>>) => d as TerritoryDetail;

  const codeTaken = (code: string) => (err: unknown) => {
    if (isUniqueViolation(err))
      throw new AppError('CONFLICT', { messageKey: 'territory.codeTaken', params: { code } });
    throw err;
  };

  return {
    async findTerritories(
      ctx: RequestContext,
      args: z.infer<typeof territoryListQuerySchema>,
    ): Promise<ListResponse<Territory>> {
      const scope = scopeOf(ctx.actor).territories(repo.territories.id);
      const { rows, total } = await repo.findTerritories(db, { ...args, scope }, args);
      return listOf(rows, total, args);
    },

    async getTerritory(ctx: RequestContext, id: string): Promise<TerritoryDetail> {
      const detail = await loadDetail(db, id, scopeOf(ctx.actor).territories(repo.territories.id));
      if (!detail) throw notFound();
      return publicDetail(detail);
    },

    async createTerritory(
      ctx: RequestContext,
      input: z.infer<typeof createTerritorySchema>,
    ): Promise<TerritoryDetail> {
      assertAdmin(ctx.actor);
      const created = await auditedCreate(db, ctx, {
        entity: 'territory',
        create: async (tx) => {
          await checkMembers(tx, input);
          const id = await repo.insertTerritory(tx, {
            code: input.code,
            name: input.name,
            teamId: input.teamId,
            productIds: [...new Set(input.productIds ?? [])],
          });
          await saveMembers(tx, id, input);
          return id;
        },
        load: (tx, id) => loadDetail(tx, id),
      }).catch(codeTaken(input.code));
      return publicDetail(created);
    },

    async updateTerritory(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateTerritorySchema>,
    ): Promise<TerritoryDetail> {
      assertAdmin(ctx.actor);
      const { version, hospitalIds, channelCustomerIds, productIds, ...values } = input;
      const updated = await auditedChange(db, ctx, {
        entity: 'territory',
        id,
        load: (tx) => loadDetail(tx, id),
        write: async (tx) => {
          await checkMembers(tx, { hospitalIds, channelCustomerIds, productIds });
          // The version check guards the membership change too: it runs first.
          await updateVersioned(
            tx,
            repo.territories,
            id,
            version,
            definedOnly({ ...values, productIds: productIds && [...new Set(productIds)] }),
          );
          await saveMembers(tx, id, { hospitalIds, channelCustomerIds });
        },
      });
      return publicDetail(updated);
    },

    /**
     * Hands the territory to another rep from `startDate` (default today): the
     * open assignment ends the day before, history is kept.
     */
    async assignTerritory(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof assignTerritorySchema>,
    ): Promise<TerritoryDetail> {
      assertAdmin(ctx.actor);
      const startDate = input.startDate ?? today();
      const updated = await auditedChange(db, ctx, {
        entity: 'territory',
        id,
        action: 'assign',
        load: async (tx) => {
          const d = await loadDetail(tx, id);
          const open = d && (await repo.getOpenAssignment(tx, id));
          return d && { ...d, assignedUserId: open?.userId ?? null, assignedFrom: open?.startDate ?? null };
        },
        write: async (tx, before) => {
          const assignee = await repo.getUserForAssignment(tx, input.userId);
          if (!assignee) throw notFound();
          if (assignee.role !== 'rep') throw fieldError('body.userId', 'territory.assigneeNotRep');
          if (!assignee.active) throw fieldError('body.userId', 'territory.assigneeInactive');
          if (assignee.teamId !== before.teamId)
            throw fieldError('body.userId', 'territory.assigneeOtherTeam');
          const open = await repo.getOpenAssignment(tx, id);
          if (open) {
            if (open.userId === input.userId)
              throw new AppError('CONFLICT', { messageKey: 'territory.sameAssignee' });
            if (startDate <= open.startDate) {
              throw fieldError('body.startDate', 'territory.dateBeforeCurrent', { since: open.startDate });
            }
            await repo.endAssignment(tx, open.id, addDays(startDate, -1));
          }
          await repo.insertAssignment(tx, {
            territoryId: id,
            userId: input.userId,
            startDate,
            note: input.note ?? null,
            assignedBy: ctx.actor.id,
          });
        },
      });
      const { assignedUserId: _u, assignedFrom: _f, ...detail } = updated;
      return publicDetail(detail);
    },
  };
}
export type TerritoriesService = ReturnType<typeof createTerritoriesService>;

import type { z } from 'zod';
import type {
  createAreaSchema,
  createRegionSchema,
  createTeamSchema,
  updateAreaSchema,
  updateRegionSchema,
  updateTeamSchema,
  ListResponse,
  Region,
  Area,
  Team,
} from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, scopeOf } from '../../scope/scope.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import * as repo from './org.repository.ts';
import { listOf } from '../../db/list.ts';

type ListArgs = { q?: string; page: number; pageSize: number; sort?: string; active?: boolean };

/** Unique names (a region's, an area's within its region, a team's within its area). */
async function uniqueName<T>(name: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('CONFLICT', { messageKey: 'org.nameTaken', params: { name: name ?? '' } });
    throw err;
  }
}

export function createOrgService(deps: { db: Db }) {
  const { db } = deps;

  /** A team's leader must be an active manager; they then belong to that team. */
  async function checkManager(tx: Db, managerId: string | null | undefined) {
    if (!managerId) return;
    const m = await repo.findUserRole(tx, managerId);
    if (!m || m.role !== 'manager' || !m.active) throw fieldError('body.managerId', 'team.managerNotManager');
  }

  return {
    // Organisation structure is not sensitive: every signed-in user may read regions and areas.
    async findRegions(_ctx: RequestContext, args: ListArgs): Promise<ListResponse<Region>> {
      const { rows, total } = await repo.findRegions(db, args, args);
      return listOf(rows, total, args);
    },
    async getRegion(_ctx: RequestContext, id: string): Promise<Region> {
      return (await repo.getRegion(db, id)) ?? Promise.reject(notFound());
    },
    async createRegion(ctx: RequestContext, input: z.infer<typeof createRegionSchema>): Promise<Region> {
      assertAdmin(ctx.actor);
      return uniqueName(input.name, () =>
        auditedCreate(db, ctx, {
          entity: 'region',
          create: (tx) => repo.insertRegion(tx, input),
          load: repo.getRegion,
        }),
      );
    },
    async updateRegion(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateRegionSchema>,
    ): Promise<Region> {
      assertAdmin(ctx.actor);
      const { version, ...values } = input;
      return uniqueName(input.name, () =>
        auditedChange(db, ctx, {
          entity: 'region',
          id,
          load: (tx) => repo.getRegion(tx, id),
          write: (tx) => updateVersioned(tx, repo.regions, id, version, definedOnly(values)),
        }),
      );
    },

    async findAreas(
      _ctx: RequestContext,
      args: ListArgs & { regionId?: string },
    ): Promise<ListResponse<Area>> {
      const { rows, total } = await repo.findAreas(db, args, args);
      return listOf(rows, total, args);
    },
    async getArea(_ctx: RequestContext, id: string): Promise<Area> {
      return (await repo.getArea(db, id)) ?? Promise.reject(notFound());
    },
    async createArea(ctx: RequestContext, input: z.infer<typeof createAreaSchema>): Promise<Area> {
      assertAdmin(ctx.actor);
      return uniqueName(input.name, () =>
        auditedCreate(db, ctx, {
          entity: 'area',
          create: async (tx) => {
            if (!(await repo.getRegion(tx, input.regionId))) throw notFound();
            return repo.insertArea(tx, input);
          },
          load: repo.getArea,
        }),
      );
    },
    async updateArea(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateAreaSchema>,
    ): Promise<Area> {
      assertAdmin(ctx.actor);
      const { version, ...values } = input;
      return uniqueName(input.name, () =>
        auditedChange(db, ctx, {
          entity: 'area',
          id,
          load: (tx) => repo.getArea(tx, id),
          write: async (tx) => {
            if (values.regionId && !(await repo.getRegion(tx, values.regionId))) throw notFound();
            await updateVersioned(tx, repo.areas, id, version, definedOnly(values));
          },
        }),
      );
    },

    /** Teams in scope: a manager's own teams, a rep's team, all for admin and compliance. */
    async findTeams(ctx: RequestContext, args: ListArgs & { areaId?: string }): Promise<ListResponse<Team>> {
      const scope = scopeOf(ctx.actor).teams(repo.teams.id);
      const { rows, total } = await repo.findTeams(db, { ...args, scope }, args);
      return listOf(rows, total, args);
    },
    async getTeam(ctx: RequestContext, id: string): Promise<Team> {
      const scope = scopeOf(ctx.actor).teams(repo.teams.id);
      return (await repo.getTeam(db, id, scope)) ?? Promise.reject(notFound());
    },
    async createTeam(ctx: RequestContext, input: z.infer<typeof createTeamSchema>): Promise<Team> {
      assertAdmin(ctx.actor);
      return uniqueName(input.name, () =>
        auditedCreate(db, ctx, {
          entity: 'team',
          create: async (tx) => {
            if (!(await repo.getArea(tx, input.areaId))) throw notFound();
            await checkManager(tx, input.managerId);
            const id = await repo.insertTeam(tx, input);
            if (input.managerId) await repo.setManagerTeam(tx, input.managerId, id);
            return id;
          },
          load: (tx, id) => repo.getTeam(tx, id),
        }),
      );
    },
    async updateTeam(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateTeamSchema>,
    ): Promise<Team> {
      assertAdmin(ctx.actor);
      const { version, ...values } = input;
      return uniqueName(input.name, () =>
        auditedChange(db, ctx, {
          entity: 'team',
          id,
          load: (tx) => repo.getTeam(tx, id),
          write: async (tx) => {
            if (values.areaId && !(await repo.getArea(tx, values.areaId))) throw notFound();
            await checkManager(tx, values.managerId);
            if (values.active === false && (await repo.countActiveMembers(tx, id)) > 0) {
              throw new AppError('CONFLICT', { messageKey: 'team.hasActiveMembers' });
            }
            await updateVersioned(tx, repo.teams, id, version, definedOnly(values));
            if (values.managerId) await repo.setManagerTeam(tx, values.managerId, id);
          },
        }),
      );
    },
  };
}
export type OrgService = ReturnType<typeof createOrgService>;

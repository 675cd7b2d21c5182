import type { z } from 'zod';
import type { createUserSchema, ListResponse, updateUserSchema, User, Role } from '@keqing/shared';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { definedOnly, updateVersioned } from '../../db/versioned.ts';
import { AppError, fieldError, notFound } from '../../errors/app-error.ts';
import type { RequestContext } from '../../http/context.ts';
import { assertAdmin, scopeOf } from '../../scope/scope.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { auditedChange, auditedCreate } from '../audit/audited.ts';
import { deleteUserSessions } from '../auth/auth.repository.ts';
import { assertPasswordAcceptable } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import * as repo from './users.repository.ts';
import { countOpenRecords } from '../handover/handover.service.ts';
import { chinaDate } from '@keqing/domain';
import { listOf } from '../../db/list.ts';

type ListArgs = z.infer<typeof import('@keqing/shared').userListQuerySchema>;

/** Back-office duties (销售文员, 财务) belong to admin accounts only. */
function dutiesAllowed(role: Role, duties: readonly string[] | undefined) {
  if (duties && duties.length > 0 && role !== 'admin')
    throw fieldError('body.duties', 'users.duties.adminOnly');
}

function teamRequired(role: Role, teamId: string | null | undefined) {
  if (role === 'rep' && !teamId) {
    throw fieldError('body.teamId', 'user.repNeedsTeam');
  }
}

export function createUsersService(deps: { db: Db }) {
  const { db } = deps;

  async function checkTeam(tx: Db, teamId: string | null | undefined) {
    if (teamId && !(await repo.teamExists(tx, teamId))) throw notFound();
  }

  return {
    /** Users in scope: a rep sees only themself, a manager their team, admin and compliance everyone. */
    async findUsers(ctx: RequestContext, args: ListArgs): Promise<ListResponse<User>> {
      const scope = scopeOf(ctx.actor).users(repo.users.id);
      const { rows, total } = await repo.findUsers(db, { ...args, scope }, args);
      return listOf(rows, total, args);
    },

    async getUser(ctx: RequestContext, id: string): Promise<User> {
      const scope = scopeOf(ctx.actor).users(repo.users.id);
      return (await repo.getUser(db, id, scope)) ?? Promise.reject(notFound());
    },

    /** The admin creates a user with an initial password that must be changed at first sign-in. */
    async createUser(ctx: RequestContext, input: z.infer<typeof createUserSchema>): Promise<User> {
      assertAdmin(ctx.actor);
      teamRequired(input.role, input.teamId);
      dutiesAllowed(input.role, input.duties);
      assertPasswordAcceptable(input.username, input.password);
      const passwordHash = await hashPassword(input.password);
      try {
        return await auditedCreate(db, ctx, {
          entity: 'user',
          create: async (tx) => {
            await checkTeam(tx, input.teamId);
            const { password: _password, ...values } = input;
            return repo.insertUser(tx, {
              ...values,
              duties: [...new Set(values.duties ?? [])],
              passwordHash,
              mustChangePassword: true,
            });
          },
          load: (tx, id) => repo.getUser(tx, id),
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new AppError('CONFLICT', {
            messageKey: 'user.usernameTaken',
            params: { username: input.username },
          });
        }
        throw err;
      }
    },

    /** Edits a user; deactivating ends all of their sessions at once. */
    async updateUser(
      ctx: RequestContext,
      id: string,
      input: z.infer<typeof updateUserSchema>,
    ): Promise<User> {
      assertAdmin(ctx.actor);
      if (input.active === false && id === ctx.actor.id) {
        throw new AppError('CONFLICT', { messageKey: 'user.cannotDeactivateSelf' });
      }
      const { version, ...values } = input;
      return auditedChange(db, ctx, {
        entity: 'user',
        id,
        load: (tx) => repo.getUser(tx, id),
        write: async (tx, before) => {
          teamRequired(
            values.role ?? before.role,
            values.teamId === undefined ? before.teamId : values.teamId,
          );
          dutiesAllowed(values.role ?? before.role, values.duties ?? before.duties);
          await checkTeam(tx, values.teamId);
          // 交接: nothing may stay with a deactivated user — the hand-over wizard passes it on first
          if (values.active === false && before.active) {
            const count = await countOpenRecords(tx, id, chinaDate());
            if (count > 0)
              throw new AppError('CONFLICT', { messageKey: 'handover.userHoldsRecords', params: { count } });
          }
          await updateVersioned(tx, repo.users, id, version, definedOnly(values));
          if (values.active === false) await deleteUserSessions(tx, id);
        },
      });
    },

    /** Sets a new password chosen by the admin; the user must change it at next sign-in. */
    async resetPassword(ctx: RequestContext, id: string, newPassword: string): Promise<User> {
      assertAdmin(ctx.actor);
      const target = await repo.getUser(db, id);
      if (!target) throw notFound();
      assertPasswordAcceptable(target.username, newPassword);
      const passwordHash = await hashPassword(newPassword);
      return auditedChange(db, ctx, {
        entity: 'user',
        id,
        action: 'password',
        load: async (tx) => {
          const u = await repo.getUser(tx, id);
          return u && { ...u, passwordHash: u.version };
        },
        write: async (tx) => {
          await repo.setPassword(tx, id, passwordHash, true);
          await deleteUserSessions(tx, id);
        },
      }).then(({ passwordHash: _hidden, ...user }) => user);
    },

    /** 强制下线: an admin ends every session of a user (a lost phone, a suspected break-in); audited. */
    async logoutEverywhere(ctx: RequestContext, id: string): Promise<number> {
      assertAdmin(ctx.actor);
      return db.transaction(async (tx) => {
        if (!(await repo.getUser(tx, id))) throw notFound();
        const sessionsEnded = await deleteUserSessions(tx, id);
        await insertAudit(tx, {
          actorId: ctx.actor.id,
          requestId: ctx.requestId,
          entity: 'user',
          entityId: id,
          action: 'logout',
          after: { everywhere: true, sessionsEnded },
        });
        return sessionsEnded;
      });
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;

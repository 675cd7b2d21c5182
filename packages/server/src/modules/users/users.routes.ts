import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createUserSchema,
  idParamsSchema,
  resetPasswordSchema,
  sessionsEndedSchema,
  updateUserSchema,
  userListQuerySchema,
  userSchema,
} from '@keqing/shared';
import { registerCollection } from '../../http/collection-routes.ts';
import { contextOf } from '../../http/route-context.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(deps: { users: UsersService }) {
  const { users } = deps;
  return async function (app: FastifyInstance) {
    registerCollection(app, {
      path: '/api/users',
      tag: 'users',
      label: '用户 User',
      item: userSchema,
      listQuery: userListQuerySchema,
      list: users.findUsers,
      get: users.getUser,
      create: { body: createUserSchema, run: users.createUser },
      update: { body: updateUserSchema, run: users.updateUser },
    });
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/users/:id/reset-password',
      {
        schema: {
          tags: ['users'],
          summary: '重置密码 Reset a password (admin); the user must change it at next sign-in',
          params: idParamsSchema,
          body: resetPasswordSchema,
          response: { 200: userSchema },
        },
      },
      async (request) => users.resetPassword(contextOf(request), request.params.id, request.body.newPassword),
    );
    app.withTypeProvider<ZodTypeProvider>().post(
      '/api/users/:id/logout-everywhere',
      {
        schema: {
          tags: ['users'],
          summary: '强制下线 Sign a user out on every device (admin)',
          params: idParamsSchema,
          response: { 200: sessionsEndedSchema },
        },
      },
      async (request) => ({
        ok: true as const,
        sessionsEnded: await users.logoutEverywhere(contextOf(request), request.params.id),
      }),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changePasswordBodySchema,
  loginBodySchema,
  okSchema,
  sessionResponseSchema,
  sessionsEndedSchema,
} from '@keqing/shared';
import type { Config } from '../../config.ts';
import { contextOf, sessionOf } from '../../http/route-context.ts';
import { sessionCookieName, type AuthService } from './auth.service.ts';

export function authRoutes(deps: { auth: AuthService; config: Pick<Config, 'sessionMaxHours'> }) {
  const { auth } = deps;
  return async function (app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '登录 Sign in',
          body: loginBodySchema,
          response: { 200: sessionResponseSchema },
        },
      },
      async (request, reply) => {
        const result = await auth.login(request.body.username, request.body.password, {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          requestId: request.id,
          previousToken: request.cookies[sessionCookieName],
        });
        reply.setCookie(sessionCookieName, result.token, {
          httpOnly: true,
          sameSite: 'lax',
          path: '/',
          secure: request.protocol === 'https',
          maxAge: result.maxAgeSeconds,
        });
        return { user: result.user, csrfToken: result.csrfToken };
      },
    );

    r.get(
      '/api/auth/me',
      {
        config: { allowPasswordChangePending: true },
        schema: {
          tags: ['auth'],
          summary: '当前用户 Current user',
          response: { 200: sessionResponseSchema },
        },
      },
      async (request) => auth.me(contextOf(request).actor, sessionOf(request)),
    );

    r.post(
      '/api/auth/logout',
      {
        config: { allowPasswordChangePending: true, complianceMayWrite: true },
        schema: { tags: ['auth'], summary: '退出登录 Sign out', response: { 200: okSchema } },
      },
      async (request, reply) => {
        await auth.logout(contextOf(request), sessionOf(request));
        reply.clearCookie(sessionCookieName, { path: '/' });
        return { ok: true as const };
      },
    );

    r.post(
      '/api/auth/logout-everywhere',
      {
        config: { allowPasswordChangePending: true, complianceMayWrite: true },
        schema: {
          tags: ['auth'],
          summary: '退出所有设备 Sign out everywhere: ends every session of the caller, this one included',
          response: { 200: sessionsEndedSchema },
        },
      },
      async (request, reply) => {
        const sessionsEnded = await auth.logoutEverywhere(contextOf(request));
        reply.clearCookie(sessionCookieName, { path: '/' });
        return { ok: true as const, sessionsEnded };
      },
    );

    r.post(
      '/api/auth/password',
      {
        config: { allowPasswordChangePending: true, complianceMayWrite: true },
        schema: {
          tags: ['auth'],
          summary: '修改密码 Change own password (signs out other devices)',
          body: changePasswordBodySchema,
          response: { 200: okSchema },
        },
      },
      async (request) => {
        await auth.changePassword(
          contextOf(request),
          sessionOf(request),
          request.body.currentPassword,
          request.body.newPassword,
        );
        return { ok: true as const };
      },
    );
  };
}

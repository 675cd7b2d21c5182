import type { FastifyInstance } from 'fastify';
import { pickLocale } from '@keqing/shared';
import { AppError } from '../errors/app-error.ts';
import { sessionCookieName, tokensEqual, type AuthService } from '../modules/auth/auth.service.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before every route: resolves the session cookie to an actor, then
 * enforces sign-in, CSRF on writes, a pending password change, and the
 * compliance role's read-only rule. Routes opt out with `config.public`.
 */
export function registerSessionHook(app: FastifyInstance, auth: Pick<AuthService, 'resolveSession'>) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.headers['accept-language']);
    const config = request.routeOptions.config ?? {};
    const isApi = request.url.startsWith('/api/');
    const token = request.cookies?.[sessionCookieName];
    const lookup = await auth.resolveSession(token);
    if (lookup.status === 'ok') {
      request.actor = lookup.actor;
      request.session = lookup.session;
    }
    // Outside /api is the web app's files; unknown /api routes answer 404 only to signed-in callers.
    if (config.public || !isApi) return;
    if (!request.actor || !request.session) {
      throw new AppError(lookup.status === 'expired' ? 'SESSION_EXPIRED' : 'AUTH_REQUIRED');
    }
    if (!safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !tokensEqual(sent, request.session.csrfToken)) {
        throw new AppError('CSRF_INVALID');
      }
      if (request.actor.role === 'compliance' && !config.complianceMayWrite) {
        throw new AppError('FORBIDDEN', { messageKey: 'readOnly.compliance' });
      }
    }
    if (request.session.mustChangePassword && !config.allowPasswordChangePending) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
  });
}

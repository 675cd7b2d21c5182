import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { RequestContext, SessionInfo } from './context.ts';

/** The request as services see it; only called on routes that require a session. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError('AUTH_REQUIRED');
  return { actor: request.actor, requestId: request.id, locale: request.locale };
}

export function sessionOf(request: FastifyRequest): SessionInfo {
  if (!request.session) throw new AppError('AUTH_REQUIRED');
  return request.session;
}

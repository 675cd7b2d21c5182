import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  errorMessage,
  ruleMessage,
  type ErrorBody,
  type ErrorCode,
  type Locale,
  pickLocale,
} from '@keqing/shared';
import { AppError, httpStatusOf } from './app-error.ts';
import { RequestValidationError, localizeIssues } from '../http/validation.ts';

/** PostgreSQL error codes that mean "the database is not reachable right now". */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** deadlock_detected, serialization_failure, lock_not_available: another transaction was in the way. */
const contentionSqlStates = new Set(['40P01', '40001', '55P03']);

/** pg and pg-pool say these without a code; the texts are theirs (pg-pool 3.x, pg 8.x). */
const poolExhausted = 'timeout exceeded when trying to connect';
const unreachableMessages = new Set([
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
]);

/** Seconds a client should wait before retrying after a 503. */
const retryAfterSeconds = 5;

function fromFastifyError(err: FastifyError): AppError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('BAD_REQUEST');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    default:
      break;
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return new AppError('BAD_REQUEST');
  return undefined;
}

function fromDatabaseError(err: unknown): AppError | undefined {
  // Drizzle wraps the driver's error ("Failed query" → cause); a transaction's checkout is not wrapped
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 10; depth++) {
    const state = (e as { code?: unknown }).code;
    if (typeof state === 'string') {
      if (state === '23505') return new AppError('CONFLICT', { cause: err });
      // data exceptions (number out of range, impossible date, text the column cannot hold): the
      // input reached SQL unchecked; the statement failed, so nothing was written — the client's 400
      if (state.startsWith('22'))
        return new AppError('BAD_REQUEST', { messageKey: 'request.valueRejected', cause: err });
      // statement_timeout (KEQING_DB_STATEMENT_TIMEOUT_MS) cancelled it: the server is fine, the query too slow
      if (state === '57014')
        return new AppError('DB_UNAVAILABLE', { messageKey: 'request.queryTimeout', cause: err });
      // the transaction was rolled back whole (a deadlock, a serialization failure, a lock wait over
      // KEQING_DB_LOCK_TIMEOUT_MS): nothing was saved, and the same request sent again will most likely pass
      if (contentionSqlStates.has(state))
        return new AppError('DB_UNAVAILABLE', { messageKey: 'request.lockContention', cause: err });
      if (unavailableSqlStates.has(state) || state === 'ECONNREFUSED')
        return new AppError('DB_UNAVAILABLE', { cause: err });
    }
    const message = (e as { message?: unknown }).message;
    // every pooled connection stayed busy for connectionTimeoutMillis: load, not an outage
    if (message === poolExhausted)
      return new AppError('DB_UNAVAILABLE', { messageKey: 'request.dbBusy', cause: err });
    if (typeof message === 'string' && unreachableMessages.has(message))
      return new AppError('DB_UNAVAILABLE', { cause: err });
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Field issues may carry a rule-message key (and its params) instead of text; translate those. */
function localizeDetails(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) => {
    const { params, ...issue } = d as {
      path?: unknown;
      message?: unknown;
      params?: Record<string, string | number>;
    };
    if (typeof issue?.message !== 'string') return d;
    const message = ruleMessage(locale, issue.message, params);
    // a translated key leaves its params behind; anything else is passed on as sent
    return message === undefined ? d : { ...issue, message };
  });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError, details?: unknown) {
  const locale = request.locale ?? pickLocale(request.headers['accept-language']);
  const params = { requestId: request.id, ...error.params };
  const message =
    (error.messageKey && ruleMessage(locale, error.messageKey, params)) ||
    errorMessage(locale, error.code, params);
  const body: ErrorBody = {
    error: {
      code: error.code,
      message,
      details: localizeDetails(details ?? error.details ?? null, locale),
      requestId: request.id,
    },
  };
  const status = httpStatusOf(error.code);
  if (status === 503) reply.header('retry-after', String(retryAfterSeconds));
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Fastify's `frameworkErrors`: the router refuses a path before any hook runs (a param longer
 * than the router allows, a malformed percent-encoding); answer in the API's shape and language.
 */
export function handleFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.locale = pickLocale(request.headers['accept-language']);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH' || err.code === 'FST_ERR_BAD_URL') {
    const messageKey = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'request.urlTooLong' : 'request.badUrl';
    return sendError(request, reply, new AppError('BAD_REQUEST', { messageKey }));
  }
  request.log.error({ err }, 'framework error');
  return sendError(request, reply, new AppError('INTERNAL'));
}

export function registerErrorHandling(app: FastifyInstance, serveSpa: () => boolean = () => false) {
  app.setErrorHandler((err: unknown, request, reply) => {
    if (err instanceof AppError) {
      if (httpStatusOf(err.code) >= 500) request.log.error({ err }, 'request failed');
      return sendError(request, reply, err);
    }
    if (err instanceof RequestValidationError) {
      const locale = request.locale ?? pickLocale(request.headers['accept-language']);
      return sendError(request, reply, new AppError('VALIDATION_FAILED'), localizeIssues(err, locale));
    }
    const mapped = fromFastifyError(err as FastifyError) ?? fromDatabaseError(err);
    if (mapped) {
      if (mapped.messageKey === 'request.lockContention')
        request.log.warn({ err }, 'write conflicted with another transaction');
      else if (mapped.code === 'DB_UNAVAILABLE')
        request.log.error(
          { err },
          mapped.messageKey === 'request.queryTimeout' ? 'statement timed out' : 'database unavailable',
        );
      // a schema that should have refused the value first: worth a look, not an outage
      if (mapped.messageKey === 'request.valueRejected')
        request.log.warn({ err }, 'database refused a value');
      return sendError(request, reply, mapped);
    }
    const status = (err as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 404 ? 'ROUTE_NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST';
      return sendError(request, reply, new AppError(code));
    }
    // Unexpected: log everything, show nothing but the request id.
    request.log.error({ err }, 'unexpected error');
    return sendError(request, reply, new AppError('INTERNAL'));
  });

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the web app: anything not under /api gets the app shell.
    if (serveSpa() && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendError(request, reply, new AppError('ROUTE_NOT_FOUND'));
  });
}

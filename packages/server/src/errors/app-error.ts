import type { ErrorCode } from '@keqing/shared';

export type AppErrorOptions = {
  /** Key of a specific rule message in packages/shared/src/i18n.ts (e.g. 'user.usernameTaken'). */
  messageKey?: string;
  /** Values interpolated into the message ({retryAt}, {username} …). */
  params?: Record<string, string | number>;
  /** Machine-readable details sent to the client (field issues, current version …). */
  details?: unknown;
  cause?: unknown;
};

/** The one error type services throw; the error handler turns it into the JSON error body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string | undefined;
  readonly params: Record<string, string | number> | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.messageKey ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.messageKey = options.messageKey;
    this.params = options.params;
    this.details = options.details;
  }
}

/** Exhaustive: adding a code without a status fails to compile. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
      return 400;
    case 'AUTH_REQUIRED':
    case 'AUTH_INVALID':
    case 'SESSION_EXPIRED':
      return 401;
    case 'PASSWORD_CHANGE_REQUIRED':
    case 'CSRF_INVALID':
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'VERSION_CONFLICT':
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'AUTH_LOCKED':
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    case 'DB_UNAVAILABLE':
      return 503;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for error code ${String(unhandled)}`);
    }
  }
}

/**
 * A 400 on one field: the detail carries the rule's message key and params, and the
 * error handler turns them into the request's language.
 */
export const fieldError = (path: string, messageKey: string, params?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', { messageKey, params, details: [{ path, message: messageKey, params }] });

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = (messageKey?: string) => new AppError('FORBIDDEN', { messageKey });
export const versionConflict = (currentVersion: number) =>
  new AppError('VERSION_CONFLICT', { details: { currentVersion } });

/**
 * The one list of error codes the API can answer with. Server and web share it:
 * the server maps each code to an HTTP status (exhaustively), the web shows the
 * localized message that comes with it.
 */
export const errorCodes = [
  'VALIDATION_FAILED', // 400: body/query/params failed the route's zod schema; details lists field paths
  'BAD_REQUEST', // 400: malformed request (e.g. invalid JSON)
  'AUTH_REQUIRED', // 401: no valid session
  'AUTH_INVALID', // 401: wrong username or password
  'SESSION_EXPIRED', // 401: the session timed out or was ended
  'PASSWORD_CHANGE_REQUIRED', // 403: the user must change their password before doing anything else
  'CSRF_INVALID', // 403: a write without the session's x-csrf-token
  'FORBIDDEN', // 403: signed in, but the role may not do this
  'NOT_FOUND', // 404: no such record, or outside the caller's scope (never reveals which)
  'ROUTE_NOT_FOUND', // 404: no such API route
  'VERSION_CONFLICT', // 409: optimistic lock: the record changed since it was read
  'CONFLICT', // 409: violates a uniqueness or state rule (e.g. username taken)
  'PAYLOAD_TOO_LARGE', // 413
  'AUTH_LOCKED', // 429: too many failed sign-ins; details.retryAt says when to retry
  'RATE_LIMITED', // 429
  'INTERNAL', // 500: unexpected; logged with the request id, no internals in the body
  'DB_UNAVAILABLE', // 503 + Retry-After: the database is unreachable, busy, too slow, or the write met a lock it could not wait for (nothing saved)
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorBody = {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
    requestId: string;
  };
};

/** A field-level validation problem, as sent in `details` of VALIDATION_FAILED. */
export type FieldIssue = { path: string; message: string };

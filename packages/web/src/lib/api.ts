import type { ErrorCode, FieldIssue } from '@keqing/shared';
import { getLocale, i18n } from './i18n.ts';
import { getHeaders, takeEarly } from './early-requests.ts';

/** Codes the server sends, plus one for requests that never reached it. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR';

/** An error answer of the API: `{ error: { code, message, details, requestId } }`, message already localized. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(init: {
    code: ApiErrorCode;
    message: string;
    status: number;
    details?: unknown;
    requestId?: string;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
  }

  /** Field problems of a VALIDATION_FAILED answer (`[{ path: 'body.name', message }]`). */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string',
    );
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The message to show a user for any thrown value. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unknown');
}

// The CSRF token comes with the session (login, /auth/me). Kept in memory only: a reload asks /auth/me again.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export type AuthEvent = 'signed-out' | 'password-change-required';
type AuthListener = (event: AuthEvent, error: ApiError) => void;
let authListener: AuthListener | null = null;
/** The app decides where to go when any call finds the session gone or a password change pending. */
export function onAuthEvent(listener: AuthListener) {
  authListener = listener;
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `?a=1&b=x`, leaving out empty values so filters that are not set are not sent. */
export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const e = error as { code: ErrorCode; message?: unknown; details?: unknown; requestId?: unknown };
    return new ApiError({
      code: e.code,
      message: typeof e.message === 'string' && e.message ? e.message : i18n.t('errors.unknown'),
      status,
      details: e.details,
      requestId: typeof e.requestId === 'string' ? e.requestId : undefined,
    });
  }
  // Not our JSON error body (e.g. a proxy's HTML page when the API is down).
  return new ApiError({
    code: status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
    message: i18n.t('errors.http', { status }),
    status,
  });
}

export async function request<T>(
  method: Method,
  path: string,
  options: { query?: QueryParams; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers = getHeaders(getLocale());
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  const url = `/api${path}${toQueryString(options.query)}`;
  // a GET the page load already started (early-requests.ts) is not asked again
  const early = method === 'GET' && options.body === undefined ? takeEarly(url) : undefined;
  let response: Response;
  try {
    response = await (early ??
      fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      }));
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', message: i18n.t('errors.network'), status: 0 });
  }

  const body = parseJson(await response.text());
  if (!response.ok) {
    const error = toApiError(response.status, body);
    if (error.status === 401 && (error.code === 'AUTH_REQUIRED' || error.code === 'SESSION_EXPIRED')) {
      csrfToken = null;
      authListener?.('signed-out', error);
    } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
      authListener?.('password-change-required', error);
    }
    throw error;
  }
  return body as T;
}

/** Session and error handling of a raw fetch (uploads and downloads); throws ApiError for error answers. */
async function send(
  method: Method,
  path: string,
  init: { query?: QueryParams; body?: BodyInit; contentType?: string; accept?: string },
): Promise<Response> {
  const headers: Record<string, string> = { Accept: init.accept ?? '*/*', 'Accept-Language': getLocale() };
  if (init.contentType) headers['Content-Type'] = init.contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(init.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body,
    });
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', message: i18n.t('errors.network'), status: 0 });
  }
  if (!response.ok) {
    const error = toApiError(response.status, parseJson(await response.text()));
    if (error.status === 401 && (error.code === 'AUTH_REQUIRED' || error.code === 'SESSION_EXPIRED')) {
      csrfToken = null;
      authListener?.('signed-out', error);
    }
    throw error;
  }
  return response;
}

/** The file name of an attachment: the UTF-8 `filename*` when given (Chinese names), else `filename`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POSTs a file as the raw request body (the import upload). */
  upload: async <T>(path: string, file: Blob, contentType: string, query?: QueryParams): Promise<T> => {
    const response = await send('POST', path, {
      query,
      body: file,
      contentType,
      accept: 'application/json',
    });
    return parseJson(await response.text()) as T;
  },
  /** GETs a file (exports, templates) and saves it under the name the server gives. */
  download: async (path: string, query: QueryParams | undefined, fallbackName: string): Promise<void> => {
    const response = await send('GET', path, { query });
    const blob = await response.blob();
    saveBlob(blob, fileNameOf(response.headers.get('content-disposition'), fallbackName));
  },
};

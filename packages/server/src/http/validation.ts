import { z } from 'zod';
import type { FastifySchemaCompiler } from 'fastify';
import { ruleMessage, type FieldIssue, type Locale } from '@keqing/shared';

/** Raised by the validator compiler; the error handler localizes its issues per request. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly issues: z.core.$ZodIssue[],
    readonly part: string,
  ) {
    super(`request ${part} failed validation`);
    this.name = 'RequestValidationError';
  }
}

/** Validates body, querystring, params and headers with the route's zod schema. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues, httpPart ?? 'body') };
  };

const zodLocales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() } as const;
const partNames: Record<string, string> = { querystring: 'query' };

/** Turns zod issues into `[{ path: 'body.name', message }]` in the request's language. */
export function localizeIssues(error: RequestValidationError, locale: Locale): FieldIssue[] {
  const part = partNames[error.part] ?? error.part;
  return error.issues.map((issue) => {
    const path = [part, ...issue.path.map(String)].join('.');
    const key = issue.code === 'custom' ? (issue.params as { i18n?: string } | undefined)?.i18n : undefined;
    const raw = zodLocales[locale].localeError?.(issue as never);
    const fromZod = typeof raw === 'string' ? raw : raw?.message;
    return { path, message: (key && ruleMessage(locale, key)) || fromZod || issue.message };
  });
}

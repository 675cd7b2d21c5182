import { useCallback } from 'react';
import { App, type FormInstance, type FormRule } from 'antd';
import { errorText, isApiError } from './api.ts';

/** The form field a server path such as `body.name` or `body.hospitalIds.3` points at. */
export function fieldOfPath(path: string): string | undefined {
  const segments = path.split('.').filter((s) => s && !/^\d+$/.test(s));
  return segments.at(-1);
}

/**
 * Puts a VALIDATION_FAILED answer's field messages under the matching form fields;
 * everything else (and issues without a matching field) becomes one message.
 * Returns true when at least one field was marked.
 */
export function applyServerErrors(form: FormInstance, error: unknown, show: (text: string) => void): boolean {
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') {
    show(errorText(error));
    return false;
  }
  const fieldNames = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  const unmatched: string[] = [];
  for (const issue of error.fieldIssues) {
    const field = fieldOfPath(issue.path);
    if (field && fieldNames.has(field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else unmatched.push(issue.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (byField.size === 0 || unmatched.length > 0) {
    show(unmatched.length > 0 ? `${error.message}：${unmatched.join('；')}` : error.message);
  }
  return byField.size > 0;
}

/** `(form, error) => …` that shows leftovers with antd's message, for mutation onError handlers. */
export function useFormErrorHandler() {
  const { message } = App.useApp();
  return useCallback(
    (form: FormInstance, error: unknown) =>
      applyServerErrors(form, error, (text) => void message.error(text)),
    [message],
  );
}

type Parser = { safeParse(value: unknown): { success: boolean } };

/**
 * An antd rule checking a value against a shared zod schema (the same one the server uses).
 * Empty values pass: `required` is a separate rule, so optional fields stay optional.
 */
export function schemaRule(schema: Parser, message: string): FormRule {
  return {
    validator: (_rule, value: unknown) =>
      value === undefined || value === null || value === '' || schema.safeParse(value).success
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  };
}

/** Trimmed text, or null for an empty optional field (the API wants null, not ''). */
export function emptyToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

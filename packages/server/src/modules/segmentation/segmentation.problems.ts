import type { SegmentationProblem } from '@keqing/domain';
import { ruleMessage, type Locale } from '@keqing/shared';
import { AppError } from '../../errors/app-error.ts';

/** A domain path (`bedBands[2].from`) as the API writes field paths (`bedBands.2.from`). */
const dotted = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

/**
 * Rule problems as a 400: each detail carries the field path under `prefix`, the message in the request's
 * language (with its parameters filled in) and the rule's key and params, so the web can map it to the field.
 */
export function problemsError(
  problems: readonly SegmentationProblem[],
  prefix: string,
  locale: Locale,
): AppError {
  const details = problems.map((p) => ({
    path: p.path ? `${prefix}.${dotted(p.path)}` : prefix,
    message: ruleMessage(locale, p.key, p.params) ?? p.key,
    key: p.key,
    params: p.params ?? {},
  }));
  const first = problems[0];
  return new AppError('VALIDATION_FAILED', { messageKey: first?.key, params: first?.params, details });
}

/** One field's problem (a service-level rule) in the same shape. */
export function fieldError(
  path: string,
  key: string,
  locale: Locale,
  params?: Record<string, string | number>,
): AppError {
  return new AppError('VALIDATION_FAILED', {
    messageKey: key,
    params,
    details: [{ path, message: ruleMessage(locale, key, params) ?? key, key, params: params ?? {} }],
  });
}

import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/app-error.ts';

/** Deeper than any body the API defines (a few levels); deeper input is refused before parsing. */
export const maxJsonDepth = 32;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether brackets nest deeper than `max` outside strings: checked before JSON.parse ever recurses. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Whether any string or key holds U+0000, which PostgreSQL text cannot store. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(containsNul);
  return Object.entries(value).some(([key, v]) => key.includes('\u0000') || containsNul(v));
}

/**
 * Replaces Fastify's JSON parser (keeping its prototype-poisoning refusal) with one that also
 * refuses bytes that are not UTF-8 (the default would store U+FFFD silently), nesting deeper
 * than `maxJsonDepth`, and NUL characters, each as a localized 400 before any route runs.
 */
export function registerJsonBodyParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new AppError('BAD_REQUEST', { messageKey: 'request.invalidUtf8' }), undefined);
      return;
    }
    if (nestsDeeperThan(text, maxJsonDepth)) {
      done(
        new AppError('BAD_REQUEST', { messageKey: 'request.tooDeep', params: { max: maxJsonDepth } }),
        undefined,
      );
      return;
    }
    parseJson(request, text, (err, value) => {
      if (err) done(err, undefined);
      else if (containsNul(value))
        done(new AppError('BAD_REQUEST', { messageKey: 'request.nulCharacter' }), undefined);
      else done(null, value);
    });
  });
}

/**
 * Every string a route takes (body, query, params, record keys) has an upper bound in its zod schema: a
 * maximum length, an enum, a format, or a pattern without an unbounded repeat. Without one, a 100k-character
 * string is stored as given. Walks the route table, so a new route cannot be missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase } from './test-database.ts';

type JsonSchema = {
  type?: string | string[];
  maxLength?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  propertyNames?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
};

/** `*`, `+` or `{n,}` outside a character class escape: the pattern lets any length through. */
const unboundedRepeat = /(?<!\\)[*+]|\{\d+,\}/;

/** Paths of the strings in a JSON schema that have no upper bound. */
function unboundedStrings(js: JsonSchema | boolean | undefined, path: string, out: string[] = []): string[] {
  if (!js || typeof js !== 'object') return out;
  const types = Array.isArray(js.type) ? js.type : [js.type];
  const bounded =
    js.maxLength !== undefined ||
    js.enum !== undefined ||
    js.const !== undefined ||
    js.format !== undefined ||
    (js.pattern !== undefined && !unboundedRepeat.test(js.pattern));
  if (types.includes('string') && !bounded) out.push(path);
  for (const [key, value] of Object.entries(js.properties ?? {}))
    unboundedStrings(value, `${path}.${key}`, out);
  unboundedStrings(js.items, `${path}[]`, out);
  unboundedStrings(js.propertyNames, `${path}{key}`, out);
  unboundedStrings(js.additionalProperties, `${path}{}`, out);
  for (const sub of [
    ...(js.anyOf ?? []),
    ...(js.oneOf ?? []),
    ...(js.allOf ?? []),
    ...(js.prefixItems ?? []),
  ])
    unboundedStrings(sub, path, out);
  return out;
}

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ webDist: '/nonexistent' });
  app = await buildApp({ config, database, logger: createLogger(config) });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('input strings are bounded', () => {
  it('the walker finds an unbounded string, record key and open pattern (else the test could not fail)', () => {
    const schema = z.object({
      free: z.string(),
      tags: z.array(z.string().max(20)),
      byKey: z.record(z.string(), z.number()),
      code: z.string().regex(/^[A-Z]+$/),
      month: z.string().regex(/^\d{4}-\d{2}$/),
    });
    const json = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
    expect(unboundedStrings(json, 'body')).toEqual(['body.free', 'body.byKey{key}', 'body.code']);
  });

  it('in every API route’s body, query and params', () => {
    const found: string[] = [];
    let checked = 0;
    for (const route of app.routeTable) {
      if (!route.url.startsWith('/api/')) continue;
      const schema = (route.schema ?? {}) as Record<string, unknown>;
      for (const part of ['body', 'querystring', 'params'] as const) {
        const zod = schema[part];
        if (!(zod instanceof z.ZodType)) continue;
        const json = z.toJSONSchema(zod, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
        checked++;
        for (const path of unboundedStrings(json, part)) found.push(`${route.method} ${route.url} ${path}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});

/**
 * Building blocks of the bad-input property test (bad-input.test.ts): the write routes and their
 * zod schemas from the route table, a skeleton body shaped like a route's schema, the nasty values
 * fast-check puts into it, raw bodies no parser should accept, and a checksum of every table.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.ts';

export type WriteRoute = {
  method: string;
  url: string;
  public: boolean;
  params?: z.ZodType;
  body?: z.ZodType;
  querystring?: z.ZodType;
};

const writeLogTable = 'fuzz_write_log';
const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isZod = (s: unknown): s is z.ZodType => s instanceof z.ZodType;

/** Every registered API write route, with the zod schemas it validates against. */
export function writeRoutesOf(app: FastifyInstance): WriteRoute[] {
  return app.routeTable
    .filter((r) => writeMethods.has(r.method) && r.url.startsWith('/api/'))
    .map((r) => {
      const schema = (r.schema ?? {}) as Record<string, unknown>;
      return {
        method: r.method,
        url: r.url,
        public: r.public,
        params: isZod(schema.params) ? schema.params : undefined,
        body: isZod(schema.body) ? schema.body : undefined,
        querystring: isZod(schema.querystring) ? schema.querystring : undefined,
      };
    });
}

export const paramNamesOf = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/** The url with each `:param` replaced by its value (URL-encoded). */
export const fillParams = (url: string, values: Record<string, string>) =>
  url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? ''));

/** A param value the route's schema accepts where it can be guessed (uuid, or the first enum value). */
export function plausibleParams(route: WriteRoute): Record<string, string> {
  const names = paramNamesOf(route.url);
  const shape = (route.params as z.ZodObject | undefined)?.shape as Record<string, z.ZodType> | undefined;
  const values: Record<string, string> = {};
  for (const name of names) {
    const json = shape?.[name] ? jsonSchemaOf(shape[name]) : undefined;
    const sample = json ? skeletonOf(json) : undefined;
    values[name] = typeof sample === 'string' ? sample : randomUUID();
  }
  return values;
}

// ── skeleton bodies: shaped like the schema, so one nasty leaf is what the server sees ──

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  additionalProperties?: JsonSchema | boolean;
};

export function jsonSchemaOf(schema: z.ZodType): JsonSchema | undefined {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return undefined;
  }
}

/** A value of the schema's shape (not always valid: patterns and refinements are not solved). */
export function skeletonOf(s: JsonSchema, depth = 0): unknown {
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const options = s.anyOf ?? s.oneOf;
  if (options?.length) {
    const nonNull = options.find((o) => o.type !== 'null') ?? options[0]!;
    return skeletonOf(nonNull, depth + 1);
  }
  if (s.allOf?.length)
    return Object.assign({}, ...s.allOf.map((part) => skeletonOf(part, depth + 1) as object));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) out[key] = skeletonOf(prop, depth + 1);
      return out;
    }
    case 'array': {
      if (s.prefixItems) return s.prefixItems.map((p) => skeletonOf(p, depth + 1));
      const item = s.items ? skeletonOf(s.items, depth + 1) : 'x';
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => structuredClone(item));
    }
    case 'string':
      return stringOfFormat(s);
    case 'integer':
    case 'number': {
      const low = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      return s.maximum !== undefined ? Math.min(low, s.maximum) : low;
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

function stringOfFormat(s: JsonSchema): string {
  switch (s.format) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return '2026-03-02';
    case 'date-time':
      return '2026-03-02T09:00:00+08:00';
    case 'email':
      return 'fuzz@example.cn';
    case 'uri':
    case 'url':
      return 'https://example.cn/';
    default:
      break;
  }
  if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || s.pattern?.includes('\\d{4}-')) return '2026-03-02';
  return 'x'.repeat(Math.max(1, s.minLength ?? 1));
}

type Path = (string | number)[];

/** Every node below the root (objects, arrays and leaves), as paths. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, v]) => [[...prefix, key], ...pathsOf(v, [...prefix, key])]);
}

/** A copy of `value` with the node at `path` replaced. */
export function withNode(value: unknown, path: Path, node: unknown): unknown {
  if (path.length === 0) return node;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = node;
  return copy;
}

// ── nasty values ──

const hugeString = 'x'.repeat(100_001);
/** JSON.parse makes `__proto__` an own key (an object literal would set the prototype instead). */
const protoPollution = JSON.parse(
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
);

export function deepJson(levels: number, kind: 'object' | 'array' = 'object'): string {
  return kind === 'object'
    ? '{"a":'.repeat(levels) + '1' + '}'.repeat(levels)
    : '['.repeat(levels) + ']'.repeat(levels);
}

export const nastyStrings = [
  hugeString,
  '测'.repeat(100_001),
  '',
  ' ',
  "'; drop table users; --",
  "' or '1'='1",
  '1; select pg_sleep(5)',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A9)',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '0001-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '10000-01-01',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '__proto__',
  'NaN',
  '1e308',
];

export const nastyNumbers = [
  1e308,
  -1e308,
  -1,
  0,
  -0,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  Number.MIN_VALUE,
];

export const nastyValues: unknown[] = [
  ...nastyStrings,
  ...nastyNumbers,
  null,
  true,
  [],
  {},
  [1, 'a', null],
  protoPollution,
  JSON.parse(deepJson(1_200)),
];

export const nastyValue = fc.constantFrom(...nastyValues);

/**
 * Raw bodies no route may accept, with the content type they are sent as. `parses`: the body
 * is well-formed for its parser, so only a route that validates its body must refuse it (a route
 * without a body schema, such as sign-out, rightly ignores it).
 */
export const rawBadBodies: { label: string; contentType: string; payload: string | Buffer; parses?: true }[] =
  [
    { label: 'truncated JSON', contentType: 'application/json', payload: '{"name":' },
    { label: 'single-quoted JSON', contentType: 'application/json', payload: "{'name':'x'}" },
    { label: 'empty JSON body', contentType: 'application/json', payload: '' },
    { label: 'NUL byte', contentType: 'application/json', payload: '\u0000' },
    {
      label: 'invalid UTF-8 in a JSON string',
      contentType: 'application/json',
      payload: Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
      parses: true,
    },
    {
      label: 'escaped NUL in a JSON string',
      contentType: 'application/json',
      payload: '{"name":"a\\u0000b","note":"\\u0000","title":"\\u0000"}',
      parses: true,
    },
    { label: '__proto__ key', contentType: 'application/json', payload: '{"__proto__":{"isAdmin":true}}' },
    {
      label: 'constructor.prototype key',
      contentType: 'application/json',
      payload: '{"constructor":{"prototype":{"isAdmin":true}}}',
    },
    {
      label: 'JSON nested 1,200 deep',
      contentType: 'application/json',
      payload: deepJson(1_200),
      parses: true,
    },
    {
      label: 'array nested 100,000 deep',
      contentType: 'application/json',
      payload: deepJson(100_000, 'array'),
      parses: true,
    },
    { label: 'text/plain', contentType: 'text/plain', payload: 'name=x', parses: true },
    {
      label: 'form-encoded',
      contentType: 'application/x-www-form-urlencoded',
      payload: 'name=x&__proto__=1',
    },
    {
      label: 'garbage as xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      payload: Buffer.from('PK\u0003\u0004 this is not a zip file at all \u0000\u00ff'),
    },
    // over the app's 5 MB limit (413); routes that take larger files still refuse a bare string (400)
    { label: 'body of 6 MB', contentType: 'application/json', payload: `"${'x'.repeat(6 * 1024 * 1024)}"` },
  ];

/** Values for a path param that no uuid / enum / date param accepts. */
export const badParamValues = [
  'not-a-uuid',
  "1' or '1'='1",
  '00000000-0000-0000-0000-00000000000g',
  '%00',
  'a\u0000b',
  '../..',
  '-1',
  '9'.repeat(40),
  '2026-02-30',
  hugeString.slice(0, 5_000),
];

// ── the database checksum and the write log ──

/**
 * What a refused request may still write, and why it is not the request's data:
 * - sessions.last_seen_at: every signed-in request may touch it (idle expiry) — bookkeeping;
 * - login_failures: a refused sign-in is recorded on purpose (the temporary lock counts them);
 * - fuzz_write_log: this test's own log (below).
 */
const ignoredColumns: Record<string, string[]> = { sessions: ['last_seen_at'] };
const ignoredTables = new Set(['login_failures', writeLogTable]);

/** Tables of the public schema (a partitioned table once, with its partitions' rows). */
async function tablesOf(db: Db): Promise<{ table: string; columns: string[] }[]> {
  const result = (await db.execute(sql`
    select c.relname as "table",
           array_agg(a.attname::text order by a.attnum) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    group by c.relname
    order by c.relname`)) as unknown as { rows: { table: string; columns: string[] }[] };
  return result.rows;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One md5 per table over every row's text (rows sorted), computed in one query. */
export async function checksumTables(db: Db): Promise<Record<string, string>> {
  const parts = (await tablesOf(db))
    .filter((r) => !ignoredTables.has(r.table))
    .map((r) => {
      const cols = r.columns.filter((c) => !(ignoredColumns[r.table] ?? []).includes(c)).map(quoteIdent);
      const row = `row(${cols.join(',')})::text`;
      return `select '${r.table}' as t, count(*)::text || ':' || coalesce(md5(string_agg(${row}, '|' order by ${row})), '') as sum from public.${quoteIdent(r.table)}`;
    });
  const result = (await db.execute(sql.raw(parts.join(' union all ')))) as unknown as {
    rows: { t: string; sum: string }[];
  };
  return Object.fromEntries(result.rows.map((r) => [r.t, r.sum]));
}

/** The tables whose checksum differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]);
}

/**
 * A checksum of ~100 tables takes too long to run around each of ~2,000 requests, so the test
 * database (only this test's clone) gets a row trigger on every table that logs each committed
 * row change; a refused request must add nothing to the log (and the log names the table).
 */
export async function installWriteLog(db: Db): Promise<{ writesSinceLastCheck(): Promise<string[]> }> {
  await db.execute(
    sql.raw(`create table ${writeLogTable} (id bigserial primary key, table_name text not null)`),
  );
  await db.execute(
    sql.raw(`create function fuzz_log_write() returns trigger language plpgsql as $$
      begin insert into ${writeLogTable} (table_name) values (tg_table_name); return null; end $$`),
  );
  for (const { table, columns } of await tablesOf(db)) {
    if (ignoredTables.has(table)) continue;
    const ignored = ignoredColumns[table];
    const events = ignored
      ? `insert or delete or update of ${columns
          .filter((c) => !ignored.includes(c))
          .map(quoteIdent)
          .join(', ')}`
      : 'insert or update or delete';
    await db.execute(
      sql.raw(
        `create trigger fuzz_log_write after ${events} on public.${quoteIdent(table)} for each row execute function fuzz_log_write()`,
      ),
    );
  }
  let seen = 0;
  return {
    async writesSinceLastCheck() {
      const result = (await db.execute(
        sql.raw(`select id::int as id, table_name from ${writeLogTable} where id > ${seen} order by id`),
      )) as unknown as { rows: { id: number; table_name: string }[] };
      if (result.rows.length) seen = result.rows.at(-1)!.id;
      return [...new Set(result.rows.map((r) => r.table_name))];
    },
  };
}

/**
 * Bad input (issue 8 item 10): every registered write route, from the route table so a new route
 * cannot be missed, gets malformed params, raw bodies no parser should take, and fast-check bodies
 * shaped like the route's schema with one nasty node (wrong type, 100k-character or NUL-bearing
 * string, SQL or formula injection, 1e308 / -1 / 2^63, far dates, prototype-pollution keys, 1,200-deep
 * JSON), plus unknown query params. Whatever the route's zod schema refuses must come back as a
 * 4xx with a localized `{ error: { code, message } }` and leave every table as it was; what the
 * schema accepts may succeed, but never with a 5xx.
 *
 * Reproduce a failure with the printed seed: KEQING_FUZZ_SEED=<seed> npx vitest run … bad-input
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickLocale, roles, ruleMessage, type Role } from '@keqing/shared';
import {
  badParamValues,
  changedTables,
  checksumTables,
  fillParams,
  installWriteLog,
  jsonSchemaOf,
  nastyValue,
  paramNamesOf,
  pathsOf,
  plausibleParams,
  rawBadBodies,
  skeletonOf,
  withNode,
  writeRoutesOf,
  type WriteRoute,
} from './bad-input.ts';
import { allScopeCases } from './all-scope-cases.ts';
import type { ScopeCase } from './scope-matrix.ts';
import { createTestApp, type Client, type TestApp } from './test-app.ts';
import { actorFor, createWorld, type World } from './world.ts';

const seed = Number(process.env.KEQING_FUZZ_SEED ?? 20_261_207);
const numRuns = Number(process.env.KEQING_FUZZ_RUNS ?? 4);
/** Fuzz only the routes whose `METHOD /path` contains this (to reproduce a failure quickly). */
const only = process.env.KEQING_FUZZ_ONLY;

let t: TestApp;
let w: World;
const clients = {} as Record<Role, Client>;
let routes: WriteRoute[] = [];

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t.database.db);
  for (const role of roles) clients[role] = await t.signIn(actorFor(w, role).username);
  routes = writeRoutesOf(t.app).filter((r) => !only || `${r.method} ${r.url}`.includes(only));
  writeLog = await installWriteLog(t.database.db);
});
afterAll(async () => t?.close());

const cjk = /[\u4e00-\u9fff]/;
/** The Accept-Language headers sent, from none (zh-CN by default) to English and an unsupported one. */
const acceptLanguages = [undefined, 'zh-CN', 'en', 'en-US,en;q=0.9', 'fr-FR'] as const;

type Sent = { route: WriteRoute; role: Role | 'anonymous'; request: InjectOptions; why: string };

async function send(s: Sent): Promise<LightMyRequestResponse> {
  if (s.role === 'anonymous') return t.app.inject(s.request);
  return clients[s.role].request(s.request);
}

/** A refused request: a 4xx whose body is the error shape, in the caller's language. */
function expectLocalizedRefusal(s: Sent, res: LightMyRequestResponse) {
  const label = `${s.route.method} ${s.route.url} as ${s.role} (${s.why}): ${res.statusCode} ${res.body.slice(0, 400)}`;
  expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, label).toBeLessThan(500);
  const body = res.json() as { error?: { code?: unknown; message?: unknown; requestId?: unknown } };
  expect(typeof body.error?.code, label).toBe('string');
  expect(typeof body.error?.message, label).toBe('string');
  const message = body.error!.message as string;
  const headers = s.request.headers as Record<string, string | undefined> | undefined;
  if (pickLocale(headers?.['accept-language']) === 'en') {
    expect(message, label).not.toMatch(cjk);
    expect(message, label).toMatch(/[A-Za-z]/);
  } else {
    expect(message, label).toMatch(cjk);
  }
}

/** The role that can write on the route (compliance only on its own account; public routes anonymous). */
const roleArbitrary = (route: WriteRoute) =>
  route.public
    ? fc.constant<Role | 'anonymous'>('anonymous')
    : fc.constantFrom<Role | 'anonymous'>('admin', 'manager', 'rep', 'admin', 'manager', 'rep', 'compliance');

const localeArbitrary = fc.constantFrom(...acceptLanguages);

/** Unknown query params with nasty values, sometimes none. */
const unknownQuery = fc.option(
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'limit', 'sort', 'debug', 'x', 'id[]', 'a.b'),
    fc.constantFrom("' or 1=1 --", '1e308', '-1', '=cmd|x', '%00', 'x'.repeat(2_000)),
    { maxKeys: 3 },
  ),
  { nil: undefined },
);

function headersOf(locale: string | undefined, extra: Record<string, string> = {}) {
  return locale ? { 'accept-language': locale, ...extra } : extra;
}

const queryValid = (route: WriteRoute, query: Record<string, string> | undefined) =>
  !route.querystring || route.querystring.safeParse(query ?? {}).success;

/** Does the route's own schema take this request? (Its params, body and querystring.) */
function schemaAccepts(
  route: WriteRoute,
  params: Record<string, string>,
  body: unknown,
  query: Record<string, string> | undefined,
) {
  if (route.params && !route.params.safeParse(params).success) return false;
  if (route.body && !route.body.safeParse(body).success) return false;
  return queryValid(route, query);
}

const label = (s: Sent, res: LightMyRequestResponse) =>
  `${s.route.method} ${s.route.url} as ${s.role} (${s.why}): ${res.statusCode} ${res.body.slice(0, 400)}`;

/**
 * Sends one request. Input the schema refuses must be refused (a localized 4xx); input it accepts
 * may succeed; never a 5xx; and a refused request writes nothing.
 */
async function check(s: Sent, schemaValid: boolean) {
  const res = await send(s);
  const kind = schemaValid ? 'schema-valid' : 'invalid';
  const key = `${kind} ${res.statusCode}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  expect(res.statusCode, label(s, res)).toBeLessThan(500);
  if (res.statusCode >= 400 || !schemaValid) expectLocalizedRefusal(s, res);
  // the error handler's safety net for values that reach SQL unchecked: the schema should refuse them
  for (const locale of ['zh-CN', 'en'] as const)
    expect(res.body, `refused by the database, not the schema: ${label(s, res)}`).not.toContain(
      ruleMessage(locale, 'request.valueRejected')!,
    );
  const written = await writeLog.writesSinceLastCheck();
  if (res.statusCode >= 400) expect(written, `a refused request wrote: ${label(s, res)}`).toEqual([]);
  return res.statusCode;
}

/** Requests sent per kind and status, printed at the end (how deep the fuzzing reached). */
const statuses = new Map<string, number>();
afterAll(() => {
  console.info('bad-input requests by kind and status:', Object.fromEntries([...statuses].sort()));
});

type WriteLog = Awaited<ReturnType<typeof installWriteLog>>;
let writeLog: WriteLog;

/** Runs `walk` on every write route and reports each route's first failure by name. */
async function walkRoutes(walk: (route: WriteRoute, index: number) => Promise<void>) {
  const failures: string[] = [];
  for (const [index, route] of routes.entries()) {
    try {
      await walk(route, index);
    } catch (err) {
      // fast-check keeps the assertion that failed as the cause
      const { message, cause } = err as Error & { cause?: Error };
      failures.push(
        `${route.method} ${route.url}: ${message.split('\n').slice(0, 3).join(' ')} — ${cause?.message?.slice(0, 1_200) ?? ''}`,
      );
    }
  }
  expect(failures, `fast-check seed ${seed}`).toEqual([]);
}

// The route list is only known once the app is built, so each test walks the table itself.
describe('bad input on every write route: a localized 4xx, never a 5xx, nothing written', () => {
  it('finds the write routes in the route table, and every :param has a schema', () => {
    if (!only) expect(routes.length).toBeGreaterThan(100);
    const unchecked = routes
      .filter((r) => paramNamesOf(r.url).length > 0 && !r.params)
      .map((r) => `${r.method} ${r.url}`);
    expect(unchecked).toEqual([]);
  });

  it(
    'input the schema refuses (raw bodies, malformed params, nasty nodes) is refused and changes no table',
    { timeout: 600_000 },
    async () => {
      const before = await checksumTables(t.database.db);
      await walkRoutes(refuseInvalidInput);
      expect(changedTables(before, await checksumTables(t.database.db))).toEqual([]);
    },
  );

  it(
    'a valid request with one node spoilt (huge, injection, far date, 2^63…) is refused or done, never a 5xx',
    { timeout: 600_000 },
    async () => {
      await walkRoutes(spoilValidRequests);
      // the cases target records the signed-in clients do not depend on: every client still works
      for (const role of roles) expect((await clients[role].get('/api/auth/me')).statusCode, role).toBe(200);
    },
  );
});

/** Spreads fixed cases over the routes: each route gets `perRoute` of them, each case many routes. */
const share = <T>(items: readonly T[], index: number, perRoute: number) =>
  Array.from(
    { length: Math.min(perRoute, items.length) },
    (_, k) => items[(index * perRoute + k) % items.length]!,
  );

const methodOf = (route: WriteRoute) => route.method as InjectOptions['method'];
const defaultRole = (route: WriteRoute): Role | 'anonymous' => (route.public ? 'anonymous' : 'admin');

async function refuseInvalidInput(route: WriteRoute, index: number) {
  const params = plausibleParams(route);
  const url = fillParams(route.url, params);
  const skeleton = route.body ? skeletonFor(route) : undefined;

  // raw bodies no parser takes (and, for routes with a body schema, none their validator takes);
  // file uploads get the garbage file as well
  const raws = rawBadBodies.filter((raw) => !raw.parses || route.body);
  const chosen = new Set(share(raws, index, 2));
  if (route.url.includes('import')) chosen.add(rawBadBodies.find((r) => r.label === 'garbage as xlsx')!);
  for (const [k, raw] of [...chosen].entries()) {
    await check(
      {
        route,
        role: k % 2 === 0 || route.public ? defaultRole(route) : 'manager',
        why: raw.label,
        request: {
          method: methodOf(route),
          url,
          payload: raw.payload,
          headers: headersOf(acceptLanguages[(index + k) % acceptLanguages.length], {
            'content-type': raw.contentType,
          }),
        },
      },
      false,
    );
  }

  // malformed path params, whatever the body
  for (const name of paramNamesOf(route.url)) {
    for (const [k, value] of share(badParamValues, index, 2).entries()) {
      const bad = { ...params, [name]: value };
      if (route.params?.safeParse(bad).success) continue;
      await check(
        {
          route,
          role: defaultRole(route),
          why: `param ${name}=${JSON.stringify(value.slice(0, 40))}`,
          request: {
            method: methodOf(route),
            url: fillParams(route.url, bad),
            payload: (skeleton ?? {}) as InjectOptions['payload'],
            headers: headersOf(acceptLanguages[(index + k) % acceptLanguages.length]),
          },
        },
        false,
      );
    }
  }

  if (!route.body) return;
  await fc.assert(
    fc.asyncProperty(
      roleArbitrary(route),
      localeArbitrary,
      bodyArbitrary(skeleton),
      unknownQuery,
      async (who, locale, body, query) => {
        if (schemaAccepts(route, params, body, query)) return; // the next test's business
        await check(jsonRequest(route, url, who, locale, body, query, 'invalid'), false);
      },
    ),
    { seed: seed + index, numRuns, endOnFailure: true },
  );
}

const writeCases = new Map(allScopeCases.filter((c) => c.kind === 'write').map((c) => [c.route, c]));
/** Who may make the route's valid request (the scope matrix's access), lowest role first. */
const writerOf = (c: ScopeCase) =>
  (['rep', 'manager', 'admin', 'compliance'] as const).find((r) => c.access[r] !== 'forbidden');

/**
 * The route's valid request (the scope matrix's case: real ids, the current version) with one
 * node of its body replaced by a nasty value; without a case, the schema's skeleton.
 */
async function spoilValidRequests(route: WriteRoute, index: number) {
  if (!route.body) return;
  const scopeCase = writeCases.get(`${route.method} ${route.url}`);
  const role = scopeCase ? writerOf(scopeCase) : undefined;
  const base = async (): Promise<{ url: string; payload: unknown; role: Role | 'anonymous' }> => {
    if (scopeCase && role) {
      const request = await scopeCase.request(w, scopeCase.records(w)[role].in, t.database.db);
      return { url: request.url as string, payload: request.payload, role };
    }
    return {
      url: fillParams(route.url, plausibleParams(route)),
      payload: skeletonFor(route),
      role: defaultRole(route),
    };
  };
  const sample = await base();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom([] as (string | number)[], ...pathsOf(sample.payload)),
      nastyValue,
      localeArbitrary,
      async (path, value, locale) => {
        const { url, payload, role: who } = await base();
        await writeLog.writesSinceLastCheck(); // the case may set up its record first
        const body = withNode(payload, path, value);
        const params = paramsOf(route.url, url);
        const valid = schemaAccepts(route, params, body, undefined);
        await check(
          jsonRequest(route, url, who, locale, body, undefined, valid ? 'schema-valid' : 'invalid'),
          valid,
        );
      },
    ),
    { seed: seed + index, numRuns, endOnFailure: true },
  );
}

/** The path params of a filled url, by the route's `:names`. */
function paramsOf(pattern: string, url: string): Record<string, string> {
  const names = paramNamesOf(pattern);
  const regex = new RegExp(`^${pattern.replace(/:\w+/g, '([^/?]+)')}(?:\\?.*)?$`);
  const match = regex.exec(url);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match?.[i + 1] ?? '')]));
}

function jsonRequest(
  route: WriteRoute,
  url: string,
  role: Role | 'anonymous',
  locale: string | undefined,
  body: unknown,
  query: Record<string, string> | undefined,
  kind: string,
): Sent {
  return {
    route,
    role,
    why: `${kind} body ${JSON.stringify(body)?.slice(0, 200)} query ${JSON.stringify(query)}`,
    request: {
      method: methodOf(route),
      url,
      query,
      payload: JSON.stringify(body) ?? 'null',
      headers: headersOf(locale, { 'content-type': 'application/json' }),
    },
  };
}

/** The schema's shape with one nasty node, a random JSON value, or a wrong top-level type. */
const bodyArbitrary = (skeleton: unknown) =>
  fc.oneof(
    { weight: 4, arbitrary: mutatedSkeleton(skeleton) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'x', 42, [skeleton]) },
  );

function skeletonFor(route: WriteRoute): unknown {
  const json = jsonSchemaOf(route.body!);
  return json ? skeletonOf(json) : {};
}

/** The skeleton with one of its nodes (or the whole body) replaced by a nasty value, or one key dropped. */
function mutatedSkeleton(skeleton: unknown) {
  const paths = pathsOf(skeleton);
  const replaced = fc
    .tuple(fc.constantFrom([], ...paths), nastyValue)
    .map(([path, value]) => withNode(skeleton, path, value));
  if (paths.length === 0) return replaced;
  const dropped = fc.constantFrom(...paths).map((path) => {
    const copy = structuredClone(skeleton) as Record<string, unknown>;
    let at: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    if (Array.isArray(at)) at.splice(Number(path.at(-1)), 1);
    else delete at[path.at(-1)!];
    return copy as unknown;
  });
  return fc.oneof({ weight: 4, arbitrary: replaced }, { weight: 1, arbitrary: dropped });
}

/**
 * The database's bad moments reach the user as a localized 503 with Retry-After (every pooled connection
 * busy, a statement cancelled by KEQING_DB_STATEMENT_TIMEOUT_MS), and a failed query never puts its
 * parameter values (user data) into the log: only its SQLSTATE, root cause and SQL text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { migrateDatabase, openDatabase, type Database, type Db, type OpenOptions } from '../db/client.ts';
import { createLogger } from '../logger.ts';
import { createTestDatabase } from '../test/test-database.ts';
import { testEngine, withDatabase } from '../test/engine.ts';

const engine = testEngine();

/** The rows of a raw statement (Db's execute result is engine-specific). */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
const secret = 'Sensitive-Param-Value-4711';

/** The real app on `database`, plus public routes that fail on purpose; returns the log lines too. */
async function appOn(database: Database) {
  const lines: string[] = [];
  const config = testConfig({ logLevel: 'trace', webDist: '/nonexistent' });
  const app = await buildApp({
    config,
    database,
    logger: createLogger(config, { write: (l: string) => void lines.push(l) }),
  });
  const routeConfig = { config: { public: true } };
  // 42P01 (no such table): an unexpected 500
  app.get('/api/test-failures/missing-table', routeConfig, async () => {
    await database.db.execute(sql`select * from no_such_table where name = ${secret}`);
  });
  // 22012 (division by zero): a refused value, 400, logged as a warning
  app.get('/api/test-failures/division', routeConfig, async () => {
    await database.db.execute(sql`select 1 / (length(${secret}) - length(${secret}))`);
  });
  // a transaction checks its connection out of the pool itself (no Drizzle wrapper around the error)
  app.get('/api/test-failures/transaction', routeConfig, async () => {
    await database.db.transaction(async (tx) => tx.execute(sql`select 1`));
    return { ok: true };
  });
  await app.ready();
  /** The response and the log lines of one request. */
  async function send(url: string, headers: Record<string, string> = {}) {
    const reqId = `db-errors-${Math.random().toString(36).slice(2)}`;
    const res = await app.inject({ method: 'GET', url, headers: { ...headers, 'x-request-id': reqId } });
    const logged = lines.filter((l) => (JSON.parse(l) as { reqId?: string }).reqId === reqId);
    return { res, logged };
  }
  const login = (headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'Not-The-Password-1' },
      headers,
    });
  return { app, send, login };
}

describe('a failed query is logged without its parameters', () => {
  let database: Database;
  let app: FastifyInstance;
  let send: Awaited<ReturnType<typeof appOn>>['send'];
  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, send } = await appOn(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('on a 500: SQLSTATE, root cause and SQL text, but not the value', async () => {
    const { res, logged } = await send('/api/test-failures/missing-table');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(secret);
    const line = logged.map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> });
    const failure = line.find((l) => l.msg === 'unexpected error');
    expect(failure?.err).toMatchObject({
      sqlState: '42P01',
      rootCause: expect.stringContaining('no_such_table') as unknown,
      query: expect.stringMatching(/select \* from no_such_table where name = \$1/) as unknown,
    });
    expect(logged.join('\n')).not.toContain(secret);
  });

  it('on a refused value (400, logged as a warning) too', async () => {
    const { res, logged } = await send('/api/test-failures/division');
    expect(res.statusCode).toBe(400);
    const warning = logged
      .map((l) => JSON.parse(l) as { msg: string; err?: Record<string, unknown> })
      .find((l) => l.msg === 'database refused a value');
    expect(warning?.err).toMatchObject({ sqlState: '22012', rootCause: 'division by zero' });
    expect(logged.join('\n')).not.toContain(secret);
  });
});

describe.runIf(engine.kind === 'postgres')('PostgreSQL under pressure answers 503, localized', () => {
  const url = engine.kind === 'postgres' ? engine.url : '';
  let base: Database;
  let name: string;
  const opened: { close(): Promise<unknown> }[] = [];
  beforeAll(async () => {
    base = await createTestDatabase();
    const [row] = await rowsOf<{ name: string }>(base.db, sql`select current_database() as name`);
    name = row!.name;
  });
  afterAll(async () => {
    // apps before their databases
    for (const o of opened.reverse()) await o.close();
    await base?.close();
  });
  async function open(options: Omit<Extract<OpenOptions, { databaseUrl: string }>, 'databaseUrl'>) {
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), ...options });
    opened.push(database);
    const built = await appOn(database);
    opened.push(built.app);
    return { database, ...built };
  }

  it('every pooled connection busy: 503 "系统繁忙" with Retry-After, in English when asked', async () => {
    const { database, login, send } = await open({ poolSize: 1, connectionTimeoutMs: 300 });
    expect((await login()).statusCode).toBe(401);
    // the pool's only connection, held by a transaction until the requests are answered
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      holding();
      await released;
    });
    await held;
    try {
      const zh = await login();
      expect(zh.statusCode).toBe(503);
      expect(zh.headers['retry-after']).toBe('5');
      expect(zh.json()).toMatchObject({ error: { code: 'DB_UNAVAILABLE', message: '系统繁忙，请稍后重试' } });

      const en = await login({ 'accept-language': 'en-US,en;q=0.9' });
      expect(en.statusCode).toBe(503);
      expect(en.json()).toMatchObject({
        error: { code: 'DB_UNAVAILABLE', message: 'The system is busy; please try again shortly' },
      });

      const tx = await send('/api/test-failures/transaction');
      expect(tx.res.statusCode).toBe(503);
      expect(tx.res.json()).toMatchObject({ error: { message: '系统繁忙，请稍后重试' } });
    } finally {
      letGo();
      await holder;
    }
    expect((await login()).statusCode).toBe(401);
  });

  it('a statement over KEQING_DB_STATEMENT_TIMEOUT_MS: cancelled, 503 "查询超时"', async () => {
    const { database, login } = await open({ poolSize: 2, statementTimeoutMs: 300 });
    const shown = await rowsOf<{ statement_timeout: string }>(database.db, sql`show statement_timeout`);
    expect(shown[0]!.statement_timeout).toBe('300ms');

    // another session holds a lock the sign-in's query must wait for: longer than the timeout
    const locker = new pg.Client({ connectionString: withDatabase(url, name) });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table users in access exclusive mode');
      const started = Date.now();
      const zh = await login();
      expect(Date.now() - started).toBeLessThan(4000);
      expect(zh.statusCode).toBe(503);
      expect(zh.headers['retry-after']).toBe('5');
      expect(zh.json()).toMatchObject({ error: { code: 'DB_UNAVAILABLE' } });
      expect((zh.json() as { error: { message: string } }).error.message).toMatch(/^查询超时/);
      const en = await login({ 'accept-language': 'en' });
      expect((en.json() as { error: { message: string } }).error.message).toMatch(/^The query took too long/);
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
    expect((await login()).statusCode).toBe(401);
  });

  it('migrations and other long work run without the timeout, which then applies again', async () => {
    const { database } = await open({ poolSize: 1, statementTimeoutMs: 200 });
    await expect(database.db.execute(sql`select pg_sleep(0.4)`)).rejects.toMatchObject({
      cause: { code: '57014' },
    });
    const slept = await database.withoutStatementTimeout!((db) => rowsOf(db, sql`select pg_sleep(0.4)`));
    expect(slept).toHaveLength(1);
    await migrateDatabase(database);
    const shown = await rowsOf<{ statement_timeout: string }>(database.db, sql`show statement_timeout`);
    expect(shown[0]!.statement_timeout).toBe('200ms');
  });
});

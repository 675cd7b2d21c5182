/**
 * The database's bad moments reach the user as a localized 503 with Retry-After (every pooled connection
 * busy, a statement cancelled by KEQING_DB_STATEMENT_TIMEOUT_MS), and a failed query never puts its
 * parameter values (user data) into the log: only its SQLSTATE, root cause and SQL text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
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
async function appOn(database: Database, moreRoutes?: (app: FastifyInstance, database: Database) => void) {
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
  // a driver error with this SQLSTATE, wrapped the way Drizzle wraps it
  app.get<{ Params: { state: string } }>('/api/test-failures/sqlstate/:state', routeConfig, async (req) => {
    const driverError = Object.assign(new Error(`driver says ${req.params.state}`), {
      code: req.params.state,
      severity: 'ERROR',
    });
    throw new Error('Failed query: update something', { cause: driverError });
  });
  moreRoutes?.(app, database);
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

/** The app on a fresh test database for the enclosing describe (built before its tests, closed after). */
function appForSuite() {
  let database: Database | undefined;
  let built: Awaited<ReturnType<typeof appOn>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    built = await appOn(database);
  });
  afterAll(async () => {
    await built?.app.close();
    await database?.close();
  });
  return { send: (...args: Parameters<Awaited<ReturnType<typeof appOn>>['send']>) => built!.send(...args) };
}

describe('a failed query is logged without its parameters', () => {
  const { send } = appForSuite();

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

describe('a write that met another transaction: 503, nothing saved, retry', () => {
  const { send } = appForSuite();

  it.each([
    ['40P01', 'a deadlock'],
    ['40001', 'a serialization failure'],
    ['55P03', 'a lock wait over the lock timeout'],
  ])('%s (%s): 503 with Retry-After, in the asked language, logged as a warning', async (state) => {
    const zh = await send(`/api/test-failures/sqlstate/${state}`);
    expect(zh.res.statusCode).toBe(503);
    expect(zh.res.headers['retry-after']).toBe('5');
    expect(zh.res.json()).toMatchObject({
      error: { code: 'DB_UNAVAILABLE', message: '数据正被他人同时修改，本次未保存任何内容，请重试' },
    });
    const warning = zh.logged
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: Record<string, unknown> })
      .find((l) => l.msg === 'write conflicted with another transaction');
    expect(warning).toMatchObject({ level: 40, err: { sqlState: state } });

    const en = await send(`/api/test-failures/sqlstate/${state}`, { 'accept-language': 'en' });
    expect((en.res.json() as { error: { message: string } }).error.message).toBe(
      'Someone else was changing the same data; nothing was saved. Please try again',
    );
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
  async function open(
    options: Omit<Extract<OpenOptions, { databaseUrl: string }>, 'databaseUrl'>,
    moreRoutes?: (app: FastifyInstance, database: Database) => void,
  ) {
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), ...options });
    opened.push(database);
    const built = await appOn(database, moreRoutes);
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

  /** Runs `fn` while another session holds the users table exclusively (a sign-in's query must wait). */
  async function whileUsersLocked(fn: () => Promise<void>) {
    const locker = new pg.Client({ connectionString: withDatabase(url, name) });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table users in access exclusive mode');
      await fn();
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
  }

  /** A sign-in that meets the lock: given up within 4 s with a 503 and Retry-After; its message. */
  async function blockedSignIn(
    login: (headers?: Record<string, string>) => Promise<LightMyRequestResponse>,
    headers?: Record<string, string>,
  ) {
    const started = Date.now();
    const res = await login(headers);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('DB_UNAVAILABLE');
    return body.error;
  }

  it('a statement over KEQING_DB_STATEMENT_TIMEOUT_MS: cancelled, 503 "查询超时"', async () => {
    const { database, login } = await open({ poolSize: 2, statementTimeoutMs: 300 });
    const shown = await rowsOf<{ statement_timeout: string }>(database.db, sql`show statement_timeout`);
    expect(shown[0]!.statement_timeout).toBe('300ms');

    await whileUsersLocked(async () => {
      const zh = await blockedSignIn(login);
      expect(zh.message).toMatch(/^查询超时/);
      const en = await blockedSignIn(login, { 'accept-language': 'en' });
      expect(en.message).toMatch(/^The query took too long/);
    });
    expect((await login()).statusCode).toBe(401);
  });

  it('a lock wait over KEQING_DB_LOCK_TIMEOUT_MS: given up, 503 "数据正被他人同时修改"', async () => {
    const { database, login } = await open({
      poolSize: 2,
      lockTimeoutMs: 300,
      idleInTransactionTimeoutMs: 90_000,
    });
    const shown = await rowsOf<{ lock_timeout: string }>(database.db, sql`show lock_timeout`);
    expect(shown[0]!.lock_timeout).toBe('300ms');
    const idle = await rowsOf<{ idle_in_transaction_session_timeout: string }>(
      database.db,
      sql`show idle_in_transaction_session_timeout`,
    );
    expect(idle[0]!.idle_in_transaction_session_timeout).toBe('90s');
    await whileUsersLocked(async () => {
      expect((await blockedSignIn(login)).message).toBe('数据正被他人同时修改，本次未保存任何内容，请重试');
    });
    expect((await login()).statusCode).toBe(401);
  });

  it('a real deadlock: the request is the victim, answers 503, and its first update is rolled back', async () => {
    await base.db.execute(sql`create table deadlock_probe (id int primary key, n int not null)`);
    await base.db.execute(sql`insert into deadlock_probe values (1, 0), (2, 0)`);
    let appHolds1!: () => void;
    const appHeld = new Promise<void>((resolve) => (appHolds1 = resolve));
    let otherHolds2!: () => void;
    const otherHeld = new Promise<void>((resolve) => (otherHolds2 = resolve));
    const { send } = await open({ poolSize: 2 }, (app, database) =>
      app.get('/api/test-failures/deadlock', { config: { public: true } }, async () => {
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`update deadlock_probe set n = n + 1 where id = 1`);
          appHolds1();
          await otherHeld;
          await tx.execute(sql`update deadlock_probe set n = n + 1 where id = 2`);
        });
        return { ok: true };
      }),
    );
    const other = new pg.Client({ connectionString: withDatabase(url, name) });
    await other.connect();
    try {
      await other.query('begin');
      // the other side checks for the cycle only after 10 s, so the request's session (1 s) finds it first
      await other.query(`set local deadlock_timeout = '10s'`);
      const answer = send('/api/test-failures/deadlock');
      await appHeld;
      await other.query('update deadlock_probe set n = n + 10 where id = 2');
      otherHolds2();
      const otherWaits = other.query('update deadlock_probe set n = n + 10 where id = 1');
      const { res, logged } = await answer;
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ error: { code: 'DB_UNAVAILABLE' } });
      expect(logged.join('\n')).toContain('40P01');
      await otherWaits;
    } finally {
      await other.query('rollback');
      await other.end();
    }
    // neither side's updates stayed: the request's transaction was rolled back whole
    const rows = await rowsOf<{ id: number; n: number }>(
      base.db,
      sql`select id, n from deadlock_probe order by id`,
    );
    expect(rows).toEqual([
      { id: 1, n: 0 },
      { id: 2, n: 0 },
    ]);
  });

  it('migrations and other long work run without the timeout, which then applies again', async () => {
    const { database } = await open({ poolSize: 1, statementTimeoutMs: 200, lockTimeoutMs: 250 });
    await expect(database.db.execute(sql`select pg_sleep(0.4)`)).rejects.toMatchObject({
      cause: { code: '57014' },
    });
    const slept = await database.withoutTimeouts!((db) => rowsOf(db, sql`select pg_sleep(0.4)`));
    expect(slept).toHaveLength(1);
    await migrateDatabase(database);
    const shown = await rowsOf<{ statement_timeout: string }>(database.db, sql`show statement_timeout`);
    expect(shown[0]!.statement_timeout).toBe('200ms');
    const lock = await rowsOf<{ lock_timeout: string }>(database.db, sql`show lock_timeout`);
    expect(lock[0]!.lock_timeout).toBe('250ms');
    const inside = await database.withoutTimeouts!((db) =>
      rowsOf<{ lock_timeout: string }>(db, sql`show lock_timeout`),
    );
    expect(inside[0]!.lock_timeout).toBe('0');
  });
});

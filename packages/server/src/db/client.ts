import { migrationsFolder } from '../paths.ts';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: every repository function takes one. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbEngine = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  engine: DbEngine;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tarball (used to clone a migrated test database). */
  pglite?: PGlite;
  /**
   * PostgreSQL with a statement or lock timeout only: runs `fn` on one connection without them, for work that
   * may rightly take long or wait for locks (migrations of a national-scale database, the summaries recount).
   */
  withoutTimeouts?: <T>(fn: (db: Db) => Promise<T>) => Promise<T>;
};

/** The innermost message of a wrapped error: Drizzle's "Failed query" wraps the driver's real reason. */
function rootCause(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export class DatabaseStartupError extends Error {
  constructor(stage: 'connect' | 'migrate', target: string, cause: unknown) {
    const reason = rootCause(cause);
    super(
      stage === 'connect'
        ? `无法连接数据库 / cannot connect to the database (${target}): ${reason}`
        : `数据库迁移失败 / database migration failed (${target}): ${reason}`,
      { cause },
    );
    this.name = 'DatabaseStartupError';
  }
}

/** Hides the password of a connection string for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

export type OpenOptions =
  | {
      databaseUrl: string;
      poolSize?: number;
      /** PostgreSQL cancels a longer statement (SQLSTATE 57014); 0 or unset = the server's setting */
      statementTimeoutMs?: number;
      /** PostgreSQL gives up waiting for a row or table lock after this (SQLSTATE 55P03); 0 or unset = never */
      lockTimeoutMs?: number;
      /** PostgreSQL ends a session that sits in an open transaction doing nothing this long; 0 or unset = never */
      idleInTransactionTimeoutMs?: number;
      /** How long a request waits for a free pooled connection (or a new one) before failing */
      connectionTimeoutMs?: number;
    }
  | { databaseUrl?: undefined; dataDir?: string; loadDataDir?: Blob | File };

/** Opens PostgreSQL (when a URL is given) or PGlite and checks the connection. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const target = describeDatabaseUrl(options.databaseUrl);
    const statementTimeout = options.statementTimeoutMs ?? 0;
    const lockTimeout = options.lockTimeoutMs ?? 0;
    const idleInTransactionTimeout = options.idleInTransactionTimeoutMs ?? 0;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
      // sent with the start-up packet: no extra round trip per connection; 0 leaves the server's setting
      ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
      ...(lockTimeout > 0 ? { lock_timeout: lockTimeout } : {}),
      ...(idleInTransactionTimeout > 0
        ? { idle_in_transaction_session_timeout: idleInTransactionTimeout }
        : {}),
    });
    pool.on('error', () => {
      /* idle client errors surface on the next query */
    });
    try {
      await pool.query('select 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new DatabaseStartupError('connect', target, err);
    }
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const withoutTimeouts = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      try {
        await client.query('set statement_timeout = 0; set lock_timeout = 0');
        return await fn(drizzlePg({ client, schema }) as unknown as Db);
      } finally {
        // back to the start-up values before the connection serves requests again; if that fails, drop it
        const failed = await client.query('reset statement_timeout; reset lock_timeout').then(
          () => undefined,
          (err: Error) => err,
        );
        client.release(failed);
      }
    };
    return {
      db,
      engine: 'postgres',
      close: () => pool.end(),
      ...(statementTimeout > 0 || lockTimeout > 0 ? { withoutTimeouts } : {}),
    };
  }
  const dataDir = 'dataDir' in options ? options.dataDir : undefined;
  const target = dataDir ? `PGlite ${dataDir}` : 'PGlite (memory)';
  let client: PGlite;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    client = new PGlite({ dataDir, loadDataDir: 'loadDataDir' in options ? options.loadDataDir : undefined });
    await client.waitReady;
  } catch (err) {
    throw new DatabaseStartupError('connect', target, err);
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return { db, engine: 'pglite', pglite: client, close: () => client.close() };
}

/** Applies the committed SQL migrations (forward-only). */
export async function migrateDatabase(database: Database, target: string = database.engine): Promise<void> {
  try {
    if (database.engine === 'postgres') {
      const run = database.withoutTimeouts ?? ((fn: (db: Db) => Promise<void>) => fn(database.db));
      await run((db) => migratePg(db as never, { migrationsFolder }));
    } else {
      await migratePglite(database.db as never, { migrationsFolder });
    }
  } catch (err) {
    throw new DatabaseStartupError('migrate', target, err);
  }
}

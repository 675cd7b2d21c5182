import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Db } from '../db/client.ts';
import { seedDemoData } from '../db/seed/demo-data.ts';
import { insertAudit } from '../modules/audit/audit.repository.ts';
import { users } from '../db/schema.ts';
import { testEngine, withDatabase } from '../test/engine.ts';
import { createTestDatabase } from '../test/test-database.ts';
import {
  BackupError,
  backupDatabase,
  restoreDatabase,
  restoreOrder,
  tablesFilledByMigrations,
} from './backup.ts';

const run = promisify(execFile);
const serverRoot = fileURLToPath(new URL('../..', import.meta.url));
const engine = testEngine();
const dir = mkdtempSync(path.join(os.tmpdir(), 'keqing-backup-'));
const createdDatabases: string[] = [];

/**
 * A database with nothing in it: by default a migrated clone (fast); `unmigrated` makes a bare one of the
 * given engine, which the restore migrates itself.
 */
async function emptyDatabase(kind: 'pglite' | 'postgres' | 'migrated' = 'migrated'): Promise<Database> {
  if (kind === 'migrated') return createTestDatabase();
  if (kind === 'pglite') return openDatabase({});
  if (engine.kind !== 'postgres') throw new Error('PostgreSQL needs KEQING_TEST_ENGINE=postgres');
  const name = `keqing_h5_restore_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: engine.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  createdDatabases.push(name);
  return openDatabase({ databaseUrl: withDatabase(engine.url, name), poolSize: 2 });
}

const rowsOf = async <T>(db: Db, query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** Row count and an md5 of every row's JSON, sorted bytewise, per table (the same text on both engines). */
async function tableChecksums(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    const tables = await rowsOf<{ name: string }>(
      tx,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    );
    const sums: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const [row] = await rowsOf<{ rows: number; md5: string }>(
        tx,
        sql.raw(
          `select count(*)::int as rows, coalesce(md5(string_agg(r, E'\\n' order by r collate "C")), '') as md5
             from (select row_to_json(t)::text as r from "${name}" t) x`,
        ),
      );
      sums[name] = row!;
    }
    return sums;
  });
}

/** The rows of a dump file per table, sorted, for comparing two dumps. */
function rowsByTable(file: string): Record<string, string[]> {
  const tables: Record<string, string[]> = {};
  let table = '';
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (line.startsWith('T ')) tables[(table = JSON.parse(line.slice(2)).table)] = [];
    else if (line.startsWith('R ')) tables[table]!.push(line.slice(2));
  }
  for (const rows of Object.values(tables)) rows.sort();
  return tables;
}

let source: Database;
let sourceSums: Record<string, { rows: number; md5: string }>;
let dumpFile: string;
beforeAll(async () => {
  source = await createTestDatabase();
  await seedDemoData(source.db, { scale: 0.03, today: '2026-11-23' });
  // the demo data writes no audit rows; a few make sure the append-only log round-trips too
  const [admin] = await source.db.select().from(users).where(eq(users.role, 'admin'));
  for (const name of ['甲', '乙', '丙'])
    await insertAudit(source.db, {
      actorId: admin!.id,
      entity: 'user',
      entityId: admin!.id,
      action: 'update',
      before: { name: '管理员' },
      after: { name },
      requestId: `seed-${name}`,
    });
  sourceSums = await tableChecksums(source.db);
  dumpFile = path.join(dir, 'source.jsonl.gz');
  await backupDatabase(source, dumpFile);
}, 300_000);

afterAll(async () => {
  await source?.close();
  if (engine.kind === 'postgres' && createdDatabases.length) {
    const admin = new pg.Client({ connectionString: engine.url });
    await admin.connect();
    for (const name of createdDatabases) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore round trip', { timeout: 240_000 }, () => {
  it('the demo data fills most tables, so the round trip covers them', () => {
    const filled = Object.values(sourceSums).filter((s) => s.rows > 0).length;
    expect(filled).toBeGreaterThan(Object.keys(sourceSums).length * 0.6);
    expect(sourceSums.audit_log!.rows).toBeGreaterThan(0);
  });

  it(`restores into a new, unmigrated ${engine.kind} database with every table's content equal`, async () => {
    const target = await emptyDatabase(engine.kind);
    try {
      const summary = await restoreDatabase(target, dumpFile);
      expect(await tableChecksums(target.db)).toEqual(sourceSums);
      expect(summary.rows.users).toBe(sourceSums.users!.rows);
      // the audit log's serial id continues after the restored ids, and the log still refuses edits
      const [last] = await rowsOf<{ id: string }>(target.db, sql`select max(id)::text as id from audit_log`);
      const [admin] = await rowsOf<{ id: string }>(
        target.db,
        sql`select id from users where role = 'admin' limit 1`,
      );
      await insertAudit(target.db, {
        actorId: admin!.id,
        entity: 'user',
        entityId: admin!.id,
        action: 'update',
        before: { name: 'a' },
        after: { name: 'b' },
        requestId: 'after-restore',
      });
      const [next] = await rowsOf<{ id: string }>(
        target.db,
        sql`select id::text as id from audit_log where request_id = 'after-restore'`,
      );
      expect(BigInt(next!.id)).toBeGreaterThan(BigInt(last!.id));
      await expect(target.db.execute(sql`delete from audit_log`)).rejects.toThrow();
      // a second restore into the now-filled database is refused and changes nothing
      const before = await tableChecksums(target.db);
      await expect(restoreDatabase(target, dumpFile)).rejects.toThrow(/^目标数据库不是空的.*not empty/);
      expect(await tableChecksums(target.db)).toEqual(before);
    } finally {
      await target.close();
    }
  });

  it('refuses a foreign file, a newer schema and a truncated dump, leaving the target empty', async () => {
    const lines = gunzipSync(readFileSync(dumpFile)).toString('utf8').trimEnd().split('\n');
    const junk = path.join(dir, 'junk.gz');
    writeFileSync(junk, gzipSync('姓名,医院\n李明,第一医院\n'));
    const header = JSON.parse(lines[0]!.slice(2));
    header.migrations.push({ tag: '9999_future', when: 4102444800000 });
    const newer = path.join(dir, 'newer.jsonl.gz');
    writeFileSync(newer, gzipSync([`H ${JSON.stringify(header)}`, ...lines.slice(1)].join('\n')));
    const truncated = path.join(dir, 'truncated.jsonl.gz');
    // cut inside the audit log, well after the organisation tables went in
    const cut = lines.findIndex((l) => l.startsWith('T {"table":"audit_log"}')) + 2;
    writeFileSync(truncated, gzipSync(lines.slice(0, cut).join('\n')));

    const target = await emptyDatabase();
    try {
      await expect(restoreDatabase(target, junk)).rejects.toThrow(/^备份文件格式不正确/);
      const err = await restoreDatabase(target, newer).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect((err as Error).message).toMatch(/^备份来自更新的数据库结构.*newer schema/);
      await expect(restoreDatabase(target, truncated)).rejects.toThrow(/^备份文件不完整/);
      const sums = await tableChecksums(target.db);
      const fromMigrations = tablesFilledByMigrations();
      expect(Object.entries(sums).filter(([t, s]) => s.rows > 0 && !fromMigrations.has(t))).toEqual([]);
      // all or nothing: the same target then takes the whole dump
      await restoreDatabase(target, dumpFile);
      expect(await tableChecksums(target.db)).toEqual(sourceSums);
    } finally {
      await target.close();
    }
  });

  it.runIf(engine.kind === 'postgres')(
    'moves data between engines: PostgreSQL → PGlite → PostgreSQL',
    async () => {
      const lite = await emptyDatabase('pglite');
      const viaLite = path.join(dir, 'via-pglite.jsonl.gz');
      try {
        await restoreDatabase(lite, dumpFile);
        expect(await tableChecksums(lite.db)).toEqual(sourceSums);
        await backupDatabase(lite, viaLite);
      } finally {
        await lite.close();
      }
      const back = await emptyDatabase('postgres');
      try {
        await restoreDatabase(back, viaLite);
        expect(await tableChecksums(back.db)).toEqual(sourceSums);
      } finally {
        await back.close();
      }
    },
    240_000,
  );
});

describe('npm run backup / restore', () => {
  it('restores into a new database and backs it up again through the command line', async () => {
    // the command-line tool opens the configured database itself: a new PGlite folder or PostgreSQL database
    let env: Record<string, string>;
    if (engine.kind === 'pglite') {
      env = { KEQING_DATA_DIR: path.join(dir, 'cli-data') };
    } else {
      await (await emptyDatabase('postgres')).close();
      env = { DATABASE_URL: withDatabase(engine.url, createdDatabases.at(-1)!) };
    }
    const cli = (args: string[]) =>
      run('npx', ['tsx', 'src/system/backup-cli.ts', ...args], {
        cwd: serverRoot,
        env: { ...process.env, DATABASE_URL: '', KEQING_DATA_DIR: '', LOG_LEVEL: 'silent', ...env },
      });
    const restore = await cli(['restore', '--in', dumpFile]);
    expect(restore.stdout).toMatch(/恢复完成 \/ restore done/);
    const again = path.join(dir, 'cli-again.jsonl.gz');
    const backup = await cli(['backup', '--out', again]);
    expect(backup.stdout).toMatch(/备份完成 \/ backup written/);
    // the second-generation dump holds the same rows as the first
    expect(rowsByTable(again)).toEqual(rowsByTable(dumpFile));
    const missing = await cli(['restore']).catch((e: { stderr: string; code: number }) => e);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/请用 --in 指定备份文件/) });
  }, 240_000);
});

describe('restore order', () => {
  const fk = (child: string, parent: string, nullable = true) => ({
    child,
    parent,
    columns: [`${parent}_id`],
    nullable,
  });
  it('puts referenced tables first and defers a nullable link that closes a cycle', () => {
    const order = restoreOrder(
      ['calls', 'teams', 'users', 'doctors'],
      [fk('users', 'teams'), fk('teams', 'users'), fk('calls', 'users', false), fk('doctors', 'doctors')],
    );
    expect(order.tables.indexOf('calls')).toBeGreaterThan(order.tables.indexOf('users'));
    expect(order.deferred).toEqual(
      expect.arrayContaining([
        { table: 'doctors', columns: ['doctors_id'] },
        { table: 'teams', columns: ['users_id'] },
      ]),
    );
    expect(order.deferred).toHaveLength(2);
  });

  it('refuses a cycle of NOT NULL links', () => {
    expect(() => restoreOrder(['a', 'b'], [fk('a', 'b', false), fk('b', 'a', false)])).toThrow(BackupError);
  });
});

/**
 * A server killed with SIGKILL in the middle of a doctor import commit: afterwards the database opens
 * again (PGlite: an abruptly stopped data directory) and holds either all of the batch or none of it.
 * The real server runs as a child process (src/main.ts via tsx) on its own port and database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { eq, like, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { importColumns } from '@keqing/shared';
import { openDatabase, type Database } from '../db/client.ts';
import * as s from '../db/schema.ts';
import { testEngine, withDatabase } from '../test/engine.ts';
import { createWorld } from '../test/world.ts';
import { testPassword } from '../test/test-app.ts';

const serverRoot = fileURLToPath(new URL('../..', import.meta.url));
const engine = testEngine();
const port = 3931;
const dir = mkdtempSync(path.join(os.tmpdir(), 'keqing-crash-'));
let databaseName: string | undefined;
let server: ChildProcess | undefined;

afterAll(async () => {
  server?.kill('SIGKILL');
  if (databaseName && engine.kind === 'postgres') {
    const admin = new pg.Client({ connectionString: engine.url });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A migrated database with the test organisation, on disk (PGlite) or its own PostgreSQL database. */
async function prepareDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<Database> }> {
  if (engine.kind === 'pglite') {
    const dataDir = path.join(dir, 'data');
    const tarball = new Blob([readFileSync(inject('pgliteSnapshot'))]);
    const db = await openDatabase({ dataDir, loadDataDir: tarball });
    await createWorld(db.db);
    await db.close();
    return { env: { KEQING_DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }) };
  }
  databaseName = `keqing_h5_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: engine.url });
  await admin.connect();
  await admin.query(`create database ${databaseName} template ${inject('pgTemplate')}`);
  await admin.end();
  const url = withDatabase(engine.url, databaseName);
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await createWorld(db.db);
  await db.close();
  return { env: { DATABASE_URL: url }, open: () => openDatabase({ databaseUrl: url, poolSize: 1 }) };
}

/** Starts `src/main.ts`; resolves once it listens. `onLine` sees every log line. */
function startServer(env: Record<string, string>, onLine: (line: string) => void): Promise<void> {
  // node itself with tsx's loader (not `npx tsx`, whose wrapper would take the SIGKILL and leave the server running)
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      KEQING_DATA_DIR: '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      KEQING_DEMO_SEED: 'false',
      KEQING_WEB_DIST: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    const read = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        onLine(line);
        if (line.includes('Keqing 已启动')) resolve();
      }
    };
    server!.stdout!.on('data', read);
    server!.stderr!.on('data', read);
    server!.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

const batchSize = 3000;
async function doctorFile(marker: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  // the template's own columns, so the file cannot drift from what the import reads
  const headers = importColumns.doctors.map((c) => c.header);
  sheet.addRow(headers);
  for (let i = 0; i < batchSize; i++) {
    const cells: Record<string, string> = {
      外部编码: `${marker}-${i}`,
      姓名: `医生${i}`,
      性别: '男',
      医院名称: '上海市第一人民医院',
      科室: '神经内科',
      职称: '主治医师',
    };
    sheet.addRow(headers.map((h) => cells[h] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('SIGKILL during an import commit', { timeout: 300_000 }, () => {
  it('leaves all of the batch or none of it, and the database opens again', async () => {
    const { env, open } = await prepareDatabase();
    let commitSeen: (() => void) | undefined;
    const commitArrived = new Promise<void>((resolve) => (commitSeen = resolve));
    await startServer(env, (line) => {
      if (line.includes('/commit') && line.includes('incoming request')) commitSeen!();
    });
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rep01', password: testPassword }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('keqing_sid='))!
      .split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };

    const marker = `CRASH${randomBytes(3).toString('hex')}`;
    const preview = await fetch(`${base}/api/imports/doctors?fileName=doctors.xlsx`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: new Uint8Array(await doctorFile(marker)),
    });
    expect(preview.status, await preview.clone().text()).toBe(201);
    const batch = (await preview.json()) as { id: string; counts: { toCreate: number } };
    expect(batch.counts.toCreate).toBe(batchSize);

    const commit = fetch(`${base}/api/imports/${batch.id}/commit`, { method: 'POST', headers }).catch(
      () => undefined,
    );
    await commitArrived;
    if (engine.kind === 'postgres') {
      // wait until the commit's transaction has written (it holds a transaction id), then kill
      const watcher = new pg.Client({ connectionString: env.DATABASE_URL });
      await watcher.connect();
      for (let i = 0; i < 200; i++) {
        const { rows } = await watcher.query(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
        );
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      await watcher.end();
    } else {
      // PGlite runs inside the server: give the commit a moment to be under way
      await new Promise((r) => setTimeout(r, 400));
    }
    server!.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    server = undefined;
    const answer = await commit;

    const database = await open();
    try {
      const [{ n }] = (await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(s.doctors)
        .where(like(s.doctors.code, `${marker}-%`))) as [{ n: number }];
      const [stored] = await database.db
        .select()
        .from(s.importBatches)
        .where(eq(s.importBatches.id, batch.id));
      // never part of it; the batch's state agrees with the rows
      expect([0, batchSize]).toContain(n);
      expect(stored!.status).toBe(n === batchSize ? 'committed' : 'preview');
      if (answer?.status === 200) expect(n).toBe(batchSize);
      // the database takes writes again
      await database.db
        .update(s.importBatches)
        .set({ status: 'cancelled' })
        .where(eq(s.importBatches.id, batch.id));
    } finally {
      await database.close();
    }
  });
});

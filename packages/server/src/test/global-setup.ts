/**
 * Runs once per test run: migrates a database once so each test file can
 * start from a clone (PGlite: a data-dir tarball; PostgreSQL: a template database).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { testEngine, withDatabase } from './engine.ts';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keqing-test-'));
  const database = await openDatabase({});
  await migrateDatabase(database);
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  const snapshot = path.join(dir, 'migrated.tar');
  writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', snapshot);

  let template = '';
  const engine = testEngine();
  if (engine.kind === 'postgres') {
    template = `keqing_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: engine.url });
    await admin.connect();
    await admin.query(`create database ${template}`);
    await admin.end();
    const db = await openDatabase({ databaseUrl: withDatabase(engine.url, template), poolSize: 1 });
    await migrateDatabase(db);
    await db.close();
  }
  project.provide('pgTemplate', template);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (engine.kind === 'postgres' && template) {
      const admin = new pg.Client({ connectionString: engine.url });
      await admin.connect();
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    }
  };
}

import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.ts';
import { testEngine, withDatabase } from './engine.ts';

/**
 * A fresh, migrated database for one test file: a PGlite clone of the
 * migrated snapshot, or a PostgreSQL database created from the template.
 * Closing it drops the PostgreSQL database.
 */
export async function createTestDatabase(): Promise<Database> {
  const engine = testEngine();
  if (engine.kind === 'pglite') {
    const tarball = readFileSync(inject('pgliteSnapshot'));
    return openDatabase({ loadDataDir: new Blob([tarball]) });
  }
  const name = `keqing_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: engine.url });
  await admin.connect();
  try {
    // Concurrent clones of one template can collide; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ databaseUrl: withDatabase(engine.url, name), poolSize: 5 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: engine.url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * `npm run seed:scale -- --size national|regional [--database-url URL | --data-dir DIR] [--reset]`
 * Migrates the database and fills it with the scale data of issue 8 (see scale-seed.ts), printing the
 * time of every phase and the rows per table. Without --database-url / --data-dir it uses the configured
 * database (DATABASE_URL, else PGlite in KEQING_DATA_DIR). A database that already has users is refused
 * unless --reset, which drops every table first.
 */
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { loadConfig } from '../../../config.ts';
import { describeDatabaseUrl, migrateDatabase, openDatabase, type Database } from '../../client.ts';
import { DEMO_PASSWORD } from '../demo-data.ts';
import { databaseHasData, resetDatabase, seedScaleData } from './scale-seed.ts';
import { scaleSizes, type ScaleSizeName } from './scale-sizes.ts';

function isSizeName(value: string): value is ScaleSizeName {
  return Object.hasOwn(scaleSizes, value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      reset: { type: 'boolean', default: false },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const sizeName = values.size ?? '';
  if (!isSizeName(sizeName)) {
    throw new Error(
      `--size 需为 national 或 regional / --size must be national or regional (got "${sizeName}")`,
    );
  }
  const size = scaleSizes[sizeName];
  const config = loadConfig();
  const databaseUrl = values['database-url'] ?? (values['data-dir'] ? undefined : config.databaseUrl);
  const dataDir = values['data-dir'] ?? config.dataDir;
  // One connection: the bulk-load settings are per session.
  const database: Database = databaseUrl
    ? await openDatabase({ databaseUrl, poolSize: 1 })
    : await openDatabase({ dataDir });
  const target = databaseUrl ? describeDatabaseUrl(databaseUrl) : `PGlite ${dataDir}`;
  try {
    console.log(`数据库 / database: ${target}; 规模 / size: ${sizeName}`);
    const started = performance.now();
    if (values.reset) {
      await resetDatabase(database.db);
      console.log('  已清空 / reset: every table dropped');
    }
    await migrateDatabase(database);
    if (await databaseHasData(database.db)) {
      throw new Error(
        '数据库已有数据，加 --reset 先清空 / The database already has data; pass --reset to drop it first.',
      );
    }
    const passwordHash = await hash(DEMO_PASSWORD);
    const result = await seedScaleData(database, {
      size,
      passwordHash,
      seed: values.seed === undefined ? undefined : Number(values.seed),
      log: (line) => console.log(line),
    });
    const total = Math.round(performance.now() - started);
    console.log('');
    console.log(`窗口 / window: ${result.windowStart} … ${result.today} (calls up to the day before)`);
    for (const p of result.phases) console.log(`  ${(p.ms / 1000).toFixed(1).padStart(8)} s  ${p.phase}`);
    console.log(`  ${(total / 1000).toFixed(1).padStart(8)} s  合计 total (with migrations and hashing)`);
    console.log('');
    for (const [table, n] of Object.entries(result.counts)) {
      console.log(`  ${table.padEnd(28)} ${n.toLocaleString('en-US').padStart(12)}`);
    }
    console.log(`\n登录 / sign-ins (password ${DEMO_PASSWORD}): admin, compliance, manager0001…, rep0001…`);
    console.log(
      `SCALE_SEED_RESULT ${JSON.stringify({ size: sizeName, engine: database.engine, ...result, totalWithSetupMs: total })}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});

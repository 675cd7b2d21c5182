/**
 * `npm run backup -- [--out file]` and `npm run restore -- --in file` on the configured database
 * (DATABASE_URL, else PGlite in KEQING_DATA_DIR). The same file format for both engines.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseStartupError, describeDatabaseUrl, openDatabase } from '../db/client.ts';
import { BackupError, backupDatabase, restoreDatabase } from './backup.ts';

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

const [command, ...rest] = process.argv.slice(2);
if (command !== 'backup' && command !== 'restore')
  fail('用法 / usage: npm run backup -- [--out file] | npm run restore -- --in file');

// `--from` is the folder `npm run` was started in (the root script passes it), so relative file names
// mean what the user typed; the server package's folder stays the working directory, as for `npm start`.
let options: { out?: string; in?: string; from?: string };
try {
  options = parseArgs({
    args: rest,
    options: { out: { type: 'string' }, in: { type: 'string' }, from: { type: 'string' } },
    allowPositionals: false,
  }).values;
} catch (err) {
  fail(`参数有误 / invalid arguments: ${(err as Error).message}`);
}

try {
  const config = loadConfig();
  const target = config.databaseUrl ? describeDatabaseUrl(config.databaseUrl) : `PGlite ${config.dataDir}`;
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl, poolSize: 1 } : { dataDir: config.dataDir },
  );
  try {
    if (command === 'backup') {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.resolve(options.from ?? '.', options.out ?? `keqing-backup-${stamp}.jsonl.gz`);
      const summary = await backupDatabase(database, file);
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      console.log(
        `备份完成 / backup written: ${file} (${target}, ${Object.keys(summary.rows).length} 张表 tables, ${total} 行 rows, ${summary.elapsedMs} ms)`,
      );
    } else {
      if (!options.in) fail('请用 --in 指定备份文件 / name the backup file with --in');
      const summary = await restoreDatabase(database, path.resolve(options.from ?? '.', options.in));
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      console.log(
        `恢复完成 / restore done: ${options.in} → ${target} (${total} 行 rows, ${summary.elapsedMs} ms)`,
      );
    }
  } finally {
    await database.close();
  }
} catch (err) {
  if (err instanceof ConfigError || err instanceof DatabaseStartupError || err instanceof BackupError)
    fail(err.message);
  throw err;
}

/**
 * `npm start`: read config, open and migrate the database, seed demo data into
 * an empty one, serve the API and the web app on one port.
 */
import { performance } from 'node:perf_hooks';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { DatabaseStartupError, describeDatabaseUrl, migrateDatabase, openDatabase } from './db/client.ts';
import { buildApp } from './app.ts';
import { closeAfterInFlight } from './http/in-flight.ts';
import { isDatabaseEmpty, seedDemoData } from './db/seed/demo-data.ts';

const startedAt = performance.now();

function fail(message: string): never {
  console.error(`\n✖ Keqing 启动失败 / failed to start\n${message}\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

const logger = createLogger(config);
let database;
try {
  database = await openDatabase(
    config.databaseUrl
      ? {
          databaseUrl: config.databaseUrl,
          poolSize: config.dbPoolSize,
          statementTimeoutMs: config.dbStatementTimeoutMs,
          lockTimeoutMs: config.dbLockTimeoutMs,
          idleInTransactionTimeoutMs: config.dbIdleInTransactionTimeoutMs,
        }
      : { dataDir: config.dataDir },
  );
  await migrateDatabase(
    database,
    config.databaseUrl ? describeDatabaseUrl(config.databaseUrl) : `PGlite ${config.dataDir}`,
  );
} catch (err) {
  if (err instanceof DatabaseStartupError) fail(err.message);
  throw err;
}

if (config.demoSeed && (await isDatabaseEmpty(database.db))) {
  console.log('数据库为空，正在生成演示数据 / empty database: generating demo data …');
  const summary = await seedDemoData(database.db);
  console.log(
    `演示数据已生成 / demo data ready (${summary.elapsedMs} ms). 演示账号 / demo sign-ins (密码 password: Keqing@2026):`,
  );
  for (const s of summary.signIns) console.log(`  ${s.role.padEnd(10)} ${s.username}`);
}

const app = await buildApp({ config, database, logger });
const db = database;
async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  await closeAfterInFlight({ app, closeDatabase: () => db.close() });
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await app.listen({ port: config.port, host: config.host });
} catch (err) {
  fail(`无法监听端口 / cannot listen on port ${config.port}: ${(err as Error).message}`);
}
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
console.log(
  `\n客情 Keqing 已启动 / running at http://${shownHost}:${config.port}  (API docs: /api/docs, database: ${database.engine}, ready in ${Math.round(performance.now() - startedAt)} ms)\n`,
);

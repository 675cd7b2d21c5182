/**
 * How long the frequency endpoints take on embedded PGlite with the demo data (30 reps, ~4,000 doctors,
 * ~40,000 calls): seeds an in-memory database, signs in as rep01 and manager01 through `app.inject` and
 * prints p50/p95 of 20 requests per route against the target. Not a test: run it by hand with
 *
 *   npx tsx packages/server/src/modules/planning/insights-timing.ts [requests] [--cache /tmp/demo.tar.gz]
 *
 * `--cache FILE` keeps the seeded database as a PGlite dump between runs (seeding takes a minute); delete
 * the file after changing the seed. `--explain` also prints EXPLAIN ANALYZE of rep01's frequency query.
 * `--analyze` runs ANALYZE first: PGlite has no autovacuum, so a seeded or imported database has no
 * planner statistics unless someone runs it (the timings without it are the ones that matter).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import { migrateDatabase, openDatabase, type Database } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { DEMO_PASSWORD, seedDemoData } from '../../db/seed/demo-data.ts';
import { createLogger } from '../../logger.ts';

const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cache = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
const explain = args.includes('--explain');
const analyze = args.includes('--analyze');
const requests = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--cache')) || 20;

const ms = (n: number) => `${n.toFixed(0)} ms`;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function openSeeded(): Promise<Database> {
  if (cache && existsSync(cache)) {
    return openDatabase({ loadDataDir: new Blob([readFileSync(cache)]) });
  }
  const database = await openDatabase({});
  await migrateDatabase(database);
  const start = performance.now();
  const summary = await seedDemoData(database.db, {});
  console.log(`seeded in ${ms(performance.now() - start)}: ${JSON.stringify(summary.counts)}`);
  if (cache && database.pglite) {
    const dump = await database.pglite.dumpDataDir('gzip');
    writeFileSync(cache, Buffer.from(await dump.arrayBuffer()));
  }
  return database;
}

const database = await openSeeded();
if (analyze) await database.db.execute(sql`analyze`);
const config = testConfig({ webDist: '/nonexistent' });
const app = await buildApp({ config, database, logger: createLogger(config) });
await app.ready();
try {
  const signIn = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    if (res.statusCode !== 200)
      throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'keqing_sid')!;
    return `keqing_sid=${cookie.value}`;
  };

  const time = async (label: string, cookie: string, url: string, targetMs: number) => {
    const first = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (first.statusCode !== 200) throw new Error(`${label}: ${first.statusCode} ${first.body}`);
    const took: number[] = [];
    for (let i = 0; i < requests; i++) {
      const start = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      took.push(performance.now() - start);
      if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body}`);
    }
    took.sort((a, b) => a - b);
    const p95 = percentile(took, 95);
    console.log(
      `${label.padEnd(44)} p50 ${ms(percentile(took, 50)).padStart(7)} · p95 ${ms(p95).padStart(7)} ` +
        `(target p95 < ${ms(targetMs)}) ${p95 < targetMs ? 'ok' : 'SLOW'}`,
    );
  };

  const rep = await signIn('rep01');
  const manager = await signIn('manager01');
  const [rep01] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, 'rep01'));
  console.log(`${requests} requests per route (after one warm-up request)`);
  await time('rep01      GET /api/frequency/doctors', rep, '/api/frequency/doctors', 200);
  await time('rep01      GET /api/frequency/summary', rep, '/api/frequency/summary', 200);
  await time(
    'manager01  GET /api/frequency/doctors?ownerId=rep01',
    manager,
    `/api/frequency/doctors?ownerId=${rep01!.id}`,
    200,
  );
  await time('manager01  GET /api/frequency/summary', manager, '/api/frequency/summary', 400);

  if (explain && database.pglite) {
    // catch the statement of findFrequencyRows (the one with max_visits) and run it again under EXPLAIN
    const client = database.pglite;
    const original = client.query.bind(client);
    let captured: { sql: string; params: unknown[] } | undefined;
    client.query = (async (q: string, params?: unknown[], opts?: unknown) => {
      if (q.includes('max_visits')) captured = { sql: q, params: params ?? [] };
      return original(q, params as never, opts as never);
    }) as typeof client.query;
    await app.inject({ method: 'GET', url: '/api/frequency/doctors', headers: { cookie: rep } });
    client.query = original as typeof client.query;
    if (captured) {
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers off) ${captured.sql}`,
        captured.params,
      );
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  }
} finally {
  await app.close();
  await database.close();
}

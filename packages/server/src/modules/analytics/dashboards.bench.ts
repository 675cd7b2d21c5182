/**
 * Benchmark: the manager's team dashboard and the admin's region roll-up on the demo data (PGlite in memory,
 * in-process requests through the real app with sessions and scope). Prints p50/p95 beside the targets of the
 * scale issue; never asserted in tests. Run: `npm run bench -- dashboards` (or `tsx` this file [runs]).
 */
import { performance } from 'node:perf_hooks';
import { addDays, chinaDate } from '@keqing/domain';
import { seedDemoData } from '../../db/seed/demo-data.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import { migrateDatabase, openDatabase } from '../../db/client.ts';
import { createLogger } from '../../logger.ts';

type Client = { get(url: string): Promise<{ statusCode: number; body: string }> };

/** A signed-in client of the in-process app (session cookie; reads only, so no CSRF token needed). */
async function signIn(app: FastifyInstance, username: string): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: 'Keqing@2026' },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'keqing_sid')!;
  return {
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie: `keqing_sid=${cookie.value}` } }),
  };
}

const runs = Number(process.argv[2] ?? 30);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(label: string, client: Client, url: string, targetMs: number) {
  const warm = await client.get(url);
  if (warm.statusCode !== 200) throw new Error(`${label}: ${warm.statusCode} ${warm.body.slice(0, 300)}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await client.get(url);
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode}`);
  }
  times.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(
    `${label.padEnd(44)} p50 ${fmt(percentile(times, 50)).padStart(8)}  p95 ${fmt(percentile(times, 95)).padStart(8)}` +
      `  (target p95 < ${targetMs} ms)`,
  );
}

async function main() {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const config = testConfig({ webDist: '/nonexistent' });
  const app = await buildApp({ config, database, logger: createLogger({ ...config, logLevel: 'warn' }) });
  await app.ready();
  const started = performance.now();
  const seeded = await seedDemoData(database.db);
  console.log(
    `demo data seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${seeded.counts.calls} calls, ${seeded.counts.users} users; ${runs} runs each`,
  );
  const manager = await signIn(app, 'manager01');
  const admin = await signIn(app, 'admin');
  for (const period of ['cycle', 'month', 'quarter']) {
    await measure(
      `manager01 team dashboard (${period})`,
      manager,
      `/api/dashboards/team?period=${period}`,
      200,
    );
  }
  // the previous cycle: a full cycle of calls (the current one may have just begun)
  const lastCycle = `period=cycle&date=${addDays(chinaDate(), -28)}`;
  await measure(
    'manager01 team dashboard (previous cycle)',
    manager,
    `/api/dashboards/team?${lastCycle}`,
    200,
  );
  await measure(
    'admin region roll-up (previous cycle)',
    admin,
    `/api/dashboards/org?level=region&${lastCycle}`,
    1000,
  );
  await measure('admin region roll-up (all regions, cycle)', admin, '/api/dashboards/org?level=region', 1000);
  await measure(
    'admin region roll-up (quarter)',
    admin,
    '/api/dashboards/org?level=region&period=quarter',
    1000,
  );
  await app.close();
  await database.close();
}

await main();

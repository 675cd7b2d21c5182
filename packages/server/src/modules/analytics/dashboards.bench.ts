/**
 * Benchmark: the manager's team dashboard and the admin's region roll-up (issue 8 item 5), through the real app
 * in-process (sessions, scope, the same services), one request at a time. Prints p50/p95/p99 beside the targets
 * and writes them to bench/results.md; never asserted in tests.
 *
 * `npm run bench -- dashboards` reads the national PostgreSQL database (`keqing_national`, else `keqing_regional`)
 * when one holds data, else seeds the demo data into an in-memory PGlite. Options (with `tsx` this file):
 *   --scale auto|national|regional|demo   which database (default auto)
 *   --database-url postgres://…           any scale database instead
 *   --runs N                              measured requests per figure (default 30 demo, 15 at scale)
 * At scale the bench only reads (plus its sign-in sessions). When the day summaries of the database were not
 * counted with the planning settings in force, it rebuilds them first and prints how long that took.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { addDays, chinaDate } from '@keqing/domain';
import { buildApp } from '../../app.ts';
import { percentile, recordBenchResults, type BenchFigure } from '../../bench/results.ts';
import { testConfig } from '../../config.ts';
import { migrateDatabase, openDatabase, type Database } from '../../db/client.ts';
import { seedDemoData } from '../../db/seed/demo-data.ts';
import { createLogger } from '../../logger.ts';
import { loadPlanningSettings } from '../planning/planning-settings.repository.ts';
import { findSummaryRules, rebuildAnalyticsSummaries, summariesMatch, summaryRulesOf } from './summaries.ts';

type Client = { get(url: string): Promise<{ statusCode: number; body: string }> };

const { values: opts } = parseArgs({
  options: {
    scale: { type: 'string', default: 'auto' },
    'database-url': { type: 'string' },
    runs: { type: 'string' },
  },
});

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

const ms = (v: number) => `${v.toFixed(0)} ms`;

/** One figure: a warm-up request, then `runs` timed ones in a row; `last` gets the last answer's body. */
async function measure(
  label: string,
  client: Client,
  url: string,
  targetMs: number,
  runs: number,
  last?: (body: string) => void,
): Promise<BenchFigure[]> {
  const warm = await client.get(url);
  if (warm.statusCode !== 200) throw new Error(`${label}: ${warm.statusCode} ${warm.body.slice(0, 300)}`);
  const times: number[] = [];
  let body = warm.body;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await client.get(url);
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode}`);
    body = res.body;
  }
  last?.(body);
  times.sort((a, b) => a - b);
  const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p)) as [number, number, number];
  console.log(
    `${label.padEnd(52)} p50 ${ms(p50).padStart(8)}  p95 ${ms(p95).padStart(8)}  p99 ${ms(p99).padStart(8)}` +
      `  (target p95 < ${targetMs} ms)`,
  );
  return [
    { figure: `${label} p50`, measured: ms(p50), target: '—', met: null },
    { figure: `${label} p95`, measured: ms(p95), target: `< ${targetMs} ms`, met: p95 < targetMs },
    { figure: `${label} p99`, measured: ms(p99), target: '—', met: null },
  ];
}

/** Whether a PostgreSQL database exists and holds calls. */
async function holdsCalls(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ any: boolean }>(
      'select exists (select 1 from calls where status = $1) as any',
      ['submitted'],
    );
    return rows[0]?.any ?? false;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pickScaleDatabase(): Promise<string | undefined> {
  const given = opts['database-url'];
  if (given) return given;
  const names =
    opts.scale === 'national'
      ? ['keqing_national']
      : opts.scale === 'regional'
        ? ['keqing_regional']
        : opts.scale === 'auto'
          ? ['keqing_national', 'keqing_regional']
          : [];
  for (const name of names) {
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    if (await holdsCalls(url)) return url;
    console.log(`(${name}: missing or without calls)`);
  }
  if (opts.scale === 'national' || opts.scale === 'regional') throw new Error(`no ${opts.scale} database`);
  return undefined;
}

type Row<T> = { rows: T[] };
async function one<T>(database: Database, query: ReturnType<typeof sql>): Promise<T> {
  return ((await database.db.execute(query)) as unknown as Row<T>).rows[0]!;
}

/** Brings the day summaries in line with the planning settings (a rebuild, timed) when they are not. */
async function ensureSummaries(database: Database): Promise<string | undefined> {
  const wanted = summaryRulesOf(await loadPlanningSettings(database.db));
  if (summariesMatch(await findSummaryRules(database.db), wanted)) return undefined;
  console.log('day summaries missing or counted with other rules: rebuilding …');
  const started = performance.now();
  const { rows } = await rebuildAnalyticsSummaries(database.db);
  const line = `rebuildAnalyticsSummaries: ${rows.toLocaleString('en-US')} rep-days in ${((performance.now() - started) / 1000).toFixed(1)} s`;
  console.log(line);
  return line;
}

async function main() {
  const url = await pickScaleDatabase();
  const database = await openDatabase(url ? { databaseUrl: url, poolSize: 4 } : {});
  await migrateDatabase(database);
  // the region report's snapshots as in production (KEQING_KPI_SNAPSHOT_MINUTES' default; tests turn them off)
  const snapshotMinutes = 10;
  const config = testConfig({
    webDist: '/nonexistent',
    databaseUrl: url,
    kpiSnapshotMinutes: snapshotMinutes,
  });
  const app = await buildApp({ config, database, logger: createLogger({ ...config, logLevel: 'warn' }) });
  await app.ready();
  const notes: string[] = [];
  let scale: string;
  let manager: string;
  const today = chinaDate();
  if (url) {
    const rebuilt = await ensureSummaries(database);
    if (rebuilt) notes.push(rebuilt);
    const size = await one<{ users: number; reps: number; calls: string; first: string | null }>(
      database,
      sql`select (select count(*) from users)::int as users,
        (select count(*) from users where role = 'rep' and active)::int as reps,
        (select greatest(reltuples, 0)::bigint::text from pg_class where relname = 'calls') as calls,
        (select min(call_date)::text from calls) as first`,
    );
    scale = `${new URL(url).pathname.slice(1)} (${size.users.toLocaleString('en-US')} users, ${size.reps.toLocaleString('en-US')} active reps, ~${Number(size.calls).toLocaleString('en-US')} calls since ${size.first})`;
    // the manager of the largest active team: the heaviest team dashboard
    const biggest = await one<{ username: string; reps: number }>(
      database,
      sql`select m.username, count(r.id)::int as reps
        from teams t join users m on m.id = t.manager_id and m.active
        join users r on r.team_id = t.id and r.role = 'rep' and r.active
        where t.active group by m.username order by reps desc, m.username limit 1`,
    );
    manager = biggest.username;
    notes.push(`manager ${manager} leads ${biggest.reps} active reps; admin reads every region`);
  } else {
    const started = performance.now();
    const seeded = await seedDemoData(database.db);
    scale = `demo (${seeded.counts.users} users, ${seeded.counts.calls.toLocaleString('en-US')} calls)`;
    manager = 'manager01';
    notes.push(
      `demo data seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (PGlite in memory)`,
    );
  }
  const runs = Number(opts.runs ?? (url ? 15 : 30));
  console.log(`${scale}; ${runs} runs each`);

  const managerClient = await signIn(app, manager);
  const admin = await signIn(app, 'admin');
  const yearAgo = addDays(today, -364);
  const first = url
    ? (await one<{ first: string | null }>(database, sql`select min(call_date)::text as first from calls`))
        .first
    : null;
  const figures: BenchFigure[] = [];
  const team = (label: string, query: string) =>
    measure(`team dashboard (${label})`, managerClient, `/api/dashboards/team?${query}`, 200, runs);
  /**
   * The region roll-up as an admin meets it: first computed live (refresh=true: what a refresh costs, so a kept
   * snapshot is at most KEQING_KPI_SNAPSHOT_MINUTES + this old), then read `runs` times as served.
   */
  const org = async (label: string, query: string): Promise<BenchFigure[]> => {
    const name = `national region roll-up (${label})`;
    const url = `/api/dashboards/org?level=region&${query}`;
    const started = performance.now();
    const live = await admin.get(`${url}&refresh=true`);
    const liveMs = performance.now() - started;
    if (live.statusCode !== 200) throw new Error(`${name}: ${live.statusCode} ${live.body.slice(0, 300)}`);
    console.log(`${name.padEnd(52)} computed live (refresh=true) in ${ms(liveMs)}`);
    let served = '';
    const figures = await measure(name, admin, url, 1000, runs, (body) => {
      const { freshness } = JSON.parse(body) as { freshness: { fromSnapshot: boolean; computedAt: string } };
      served = freshness.fromSnapshot
        ? `served from the snapshot computed at ${freshness.computedAt}`
        : 'computed live on every request (under 1 s, so not kept)';
    });
    notes.push(`${name}: ${served}`);
    return [
      {
        figure: `${name} computed live (refresh=true; a snapshot is at most ${snapshotMinutes} min + this old)`,
        measured: ms(liveMs),
        target: '—',
        met: null,
      },
      ...figures,
    ];
  };

  figures.push(...(await team('cycle', 'period=cycle')));
  figures.push(...(await team('quarter', 'period=quarter')));
  figures.push(...(await team('one year', `period=custom&from=${yearAgo}&to=${today}`)));
  figures.push(...(await org('cycle', 'period=cycle')));
  figures.push(...(await org('quarter', 'period=quarter')));
  figures.push(...(await org('one year', `period=custom&from=${yearAgo}&to=${today}`)));
  if (first && first < yearAgo)
    figures.push(...(await org('every call', `period=custom&from=${first}&to=${today}`)));

  const settings = await loadPlanningSettings(database.db);
  const summaries = await one<{ rows: number }>(
    database,
    sql`select count(*)::int as rows from call_day_summaries`,
  );
  notes.push(
    `one request at a time through the real app in-process (app.inject: sessions, scope, services; no HTTP), after one warm-up request per figure; load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')} (the bench's own included)`,
    `call figures (calls, objectives, short, burst) come from call_day_summaries (${summaries.rows.toLocaleString('en-US')} rep-days; counted types ${settings.countedCallTypes.join(', ')}), kept in the same transaction as every write to calls by statement triggers: always fresh`,
    'coverage and frequency (per rep × doctor), sales from flow rows and the other KPI parts read their tables directly (the four statements of a KPI run at once, at most four per process); the coverage statement over 800,000 rep × doctor pairs is most of a national figure',
    `the region roll-up keeps every rep's counts of a basis (period, today, product, settings) when computing them took over 1 s (kpi_snapshots), serves them while younger than ${snapshotMinutes} min and refreshes them in the background (a warmer refreshes views read in the last two hours before they age out); not incremental: a refresh recomputes the whole roll-up, and the page says when its figures were computed`,
  );
  recordBenchResults({
    key: url ? 'dashboards' : 'dashboards-demo',
    title: url ? 'Dashboards at scale (issue 8 item 5)' : 'Dashboards on the demo data (PGlite)',
    scale,
    engine: url ? `PostgreSQL (${await serverVersion(database)})` : 'PGlite (in memory)',
    figures,
    notes,
  });
  await app.close();
  await database.close();
}

async function serverVersion(database: Database): Promise<string> {
  return (await one<{ v: string }>(database, sql`select current_setting('server_version') as v`)).v;
}

await main();

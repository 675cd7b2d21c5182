#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark in turn, each printing its figure beside its target (never asserted) and
 * writing its section of bench/results.md. Pass names to run some: `npm run bench -- flow search`.
 * Benchmarks at national scale read the database made by `npm run seed:scale -- --size national`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const benches = [
  { key: 'plan', label: 'plan generator', file: 'packages/domain/src/planning/plan-benchmark.ts' },
  {
    key: 'flow',
    label: 'flow-of-goods import',
    file: 'packages/server/src/modules/channel/flow-import.bench.ts',
  },
  {
    key: 'dashboards',
    label: 'team dashboard and region roll-up (demo data)',
    file: 'packages/server/src/modules/analytics/dashboards.bench.ts',
  },
  {
    key: 'import',
    label: 'doctor import from xlsx vs COPY (100,000 rows)',
    file: 'packages/server/src/modules/imports/doctor-import.bench.ts',
  },
  {
    key: 'api',
    label: 'API under load (autocannon): search, 360°, call submission, dashboards, memory',
    file: 'packages/server/src/bench/api-load.bench.ts',
  },
  { key: 'web', label: 'web: bundle size, first render, long list', file: 'e2e/web-perf.bench.ts' },
];
const only = process.argv.slice(2);
let failed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.key)) continue;
  if (!existsSync(path.join(root, bench.file))) continue;
  console.log(`\n── ${bench.label} ──`);
  const run = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [bench.file], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);

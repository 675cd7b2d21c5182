#!/usr/bin/env node
/**
 * `npm test`: unit and API tests on PGlite; the same API tests on PostgreSQL
 * when DATABASE_URL is set; then the browser tests. Prints a summary and a
 * closing `tests: N passed, N failed` line; exits non-zero when anything fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'keqing-results-'));
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const only = process.argv.slice(2); // e.g. `npm test -- unit api` to run some phases

const phases = [
  {
    key: 'unit',
    label: 'unit (domain, shared, web)',
    args: ['--project', 'domain', '--project', 'shared', '--project', 'web'],
  },
  {
    key: 'api',
    label: 'API on PGlite',
    args: ['--project', 'server'],
    env: { KEQING_TEST_ENGINE: 'pglite' },
  },
  {
    key: 'api-pg',
    label: 'API on PostgreSQL',
    args: ['--project', 'server'],
    env: { KEQING_TEST_ENGINE: 'postgres' },
    skip: !process.env.DATABASE_URL && 'DATABASE_URL is not set',
  },
  { key: 'e2e', label: 'browser (Chromium)', args: ['--config', 'e2e/vitest.config.ts'] },
];

const results = [];
for (const phase of phases) {
  if (only.length && !only.includes(phase.key)) continue;
  if (phase.skip) {
    console.log(`\n── ${phase.label}: skipped (${phase.skip})`);
    results.push({ ...phase, skipped: true });
    continue;
  }
  console.log(`\n── ${phase.label} ──────────────────────────────`);
  const outputFile = path.join(tmp, `${phase.key}.json`);
  const run = spawnSync(
    process.execPath,
    [
      vitest,
      'run',
      ...phase.args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${outputFile}`,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...phase.env } },
  );
  const report = existsSync(outputFile) ? JSON.parse(readFileSync(outputFile, 'utf8')) : undefined;
  const passed = report?.numPassedTests ?? 0;
  let failed = report?.numFailedTests ?? 1;
  if (report && !report.success && failed === 0) failed = 1; // a suite that crashed before its tests ran
  if (run.status !== 0 && failed === 0) failed = 1;
  if (passed + failed === 0) failed = 1; // a phase that ran no test is a failure, not a pass
  results.push({ ...phase, passed, failed });
}
rmSync(tmp, { recursive: true, force: true });

console.log('\n── summary ──────────────────────────────');
for (const r of results) {
  console.log(`  ${r.label.padEnd(24)} ${r.skipped ? 'skipped' : `${r.passed} passed, ${r.failed} failed`}`);
}
const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
const failed = results.reduce((n, r) => n + (r.failed ?? 0), 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/**
 * `tsx src/db/seed/scale/record-results.ts <seed log> [<seed log> …] [--note TEXT …]` — writes the `seed` section of
 * bench/results.md from the logs of `npm run seed:scale` runs (each ends with a SCALE_SEED_RESULT line):
 * the generation time of each run beside the target (national on PostgreSQL < 30 min), its phases and
 * the rows per table. The seed itself runs for many minutes, so it is not part of `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { recordBenchResults, type BenchFigure } from '../../../bench/results.ts';
import type { ScaleSeedResult } from './scale-seed.ts';

type Run = ScaleSeedResult & { size: string; engine: string; totalWithSetupMs: number; log: string };

const TARGET_MS = 30 * 60_000;
const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

function readRun(file: string): Run {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('SCALE_SEED_RESULT '));
  if (!line) throw new Error(`${file}: no SCALE_SEED_RESULT line (did the seed finish?)`);
  return { ...(JSON.parse(line.slice('SCALE_SEED_RESULT '.length)) as Omit<Run, 'log'>), log: file };
}

const { values, positionals } = parseArgs({
  options: { note: { type: 'string', multiple: true } },
  allowPositionals: true,
});
const runs = positionals.map(readRun);
if (runs.length === 0) throw new Error('usage: record-results.ts <seed log> [<seed log> …]');

const figures: BenchFigure[] = [];
const notes: string[] = [];
for (const run of runs) {
  const label = `${run.size} on ${run.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}`;
  const national = run.size === 'national';
  figures.push({
    figure: `generation time, ${label} (migrations, hashing, load, indexes, summaries)`,
    measured: minutes(run.totalWithSetupMs),
    target: national ? '< 30 min' : '—',
    met: national ? run.totalWithSetupMs < TARGET_MS : null,
  });
  for (const table of [
    'users',
    'hospitals',
    'departments',
    'doctors',
    'doctor_scores',
    'calls',
    'flow_rows',
  ]) {
    figures.push({
      figure: `rows: ${table} (${label})`,
      measured: (run.counts[table] ?? 0).toLocaleString('en-US'),
      target: '—',
      met: null,
    });
  }
  notes.push(
    `${label}, window ${run.windowStart} … ${run.today}: ` +
      run.phases.map((p) => `${p.phase.replace(/^[^a-z]*/i, '')} ${(p.ms / 1000).toFixed(0)} s`).join('; '),
  );
}
// how loaded the machine was is the operator's to say (--note): the seed cannot tell its own share of the cores
notes.push(...(values.note ?? []));

recordBenchResults({
  key: 'seed',
  title: 'Scale data generator (`npm run seed:scale`)',
  scale: [...new Set(runs.map((r) => r.size))].join(' + '),
  engine: [...new Set(runs.map((r) => (r.engine === 'postgres' ? 'PostgreSQL 15' : 'PGlite')))].join(' / '),
  figures,
  notes,
});

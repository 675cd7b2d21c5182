/**
 * `bench/results.md`: every benchmark writes its own section (between markers), so runs of different
 * benchmarks never overwrite each other and the file always shows the latest figure of each.
 */
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../bench/results.md',
);

export type BenchFigure = {
  /** what was measured, e.g. "doctor search p95 (50 users)" */
  figure: string;
  /** the measured value with its unit, e.g. "38 ms" */
  measured: string;
  /** the target from the issue, e.g. "< 50 ms" */
  target: string;
  /** met, missed, or null when the figure has no target */
  met: boolean | null;
};

export type BenchSection = {
  /** stable key, e.g. "search"; one section per key */
  key: string;
  title: string;
  /** e.g. "national (5,000 users, 20,000,000 calls)" */
  scale: string;
  /** "PostgreSQL 15" | "PGlite" | "Chromium" … */
  engine: string;
  figures: BenchFigure[];
  /** free text under the table: how it was measured, why a figure misses */
  notes?: string[];
};

const header = `# Benchmark results

Written by \`npm run bench\` (each benchmark replaces its own section). Targets are from issue 8; a figure is never
asserted in tests.
`;

export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function renderSection(s: BenchSection, date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  const rows = s.figures.map(
    (f) =>
      `| ${f.figure} | ${f.measured} | ${f.target} | ${f.met === null ? '—' : f.met ? 'met' : '**missed**'} |`,
  );
  return [
    `<!-- bench:${s.key} -->`,
    `## ${s.title}`,
    '',
    `${day} · ${s.scale} · ${s.engine} · ${machineLine()}`,
    '',
    '| figure | measured | target | |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(s.notes?.length ? ['', ...s.notes.map((n) => `- ${n}`)] : []),
    `<!-- /bench:${s.key} -->`,
  ].join('\n');
}

/** Replaces (or appends) the section with this key and prints it. */
export function recordBenchResults(s: BenchSection, file = resultsFile): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const block = renderSection(s);
  const pattern = new RegExp(`<!-- bench:${s.key} -->[\\s\\S]*?<!-- /bench:${s.key} -->`);
  const next = pattern.test(current)
    ? current.replace(pattern, () => block)
    : `${current.trimEnd()}\n\n${block}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
  console.log(`\n${block}\n(written to ${path.relative(process.cwd(), file)})`);
}

/** p-th percentile (nearest rank) of ascending numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

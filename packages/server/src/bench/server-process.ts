/**
 * Running Keqing as `npm start` runs it, for the benches and the browser tests: the bundle (dist/main.mjs, built
 * now so it is the code measured or tested) with the node flags of packages/server's `start` script
 * (`startScriptArgs`), as a child process. The benches run it against PostgreSQL with nothing of their shell in
 * its environment, so what is measured (answers and resident memory) is the production process alone.
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { serverRoot, startScriptArgs } from '../paths.ts';

/** Builds the bundle `npm start` runs and starts it the same way (its node flags, in packages/server). */
export function spawnBundledServer(env: NodeJS.ProcessEnv, stdio: StdioOptions): ChildProcess {
  const build = spawnSync('npm', ['run', 'build'], { cwd: serverRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('server build failed');
  return spawn(process.execPath, startScriptArgs(), { cwd: serverRoot, env, stdio });
}

/** Polls `baseUrl`/api/health until it answers 2xx, the child exits, or `timeoutMs` passes. */
export async function untilHealthy(
  child: ChildProcess,
  baseUrl: string,
  timeoutMs: number,
): Promise<'healthy' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return 'exited';
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return 'healthy';
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return 'timeout';
}

export type ServerProcess = { child: ChildProcess; pid: number; baseUrl: string };

export async function startServerProcess(options: {
  databaseUrl: string;
  port: number;
  /** Start-up lines are shown; of the JSON log lines only the first few (the rest would flood the bench). */
  shownLogLines?: number;
}): Promise<ServerProcess> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child = spawnBundledServer(
    // Only what the server reads (config.ts): nothing of this shell leaks into the measured process.
    {
      NODE_ENV: 'production',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      KEQING_DEMO_SEED: 'false',
      KEQING_NOTIFICATION_SCHEDULER: 'false',
      KEQING_SECRET_KEY: 'benchmark-secret-key-not-for-use',
      // Request logs (two lines per request) would measure terminal I/O; warnings and errors still print.
      LOG_LEVEL: 'warn',
    },
    ['ignore', 'pipe', 'inherit'],
  );
  let shown = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      if (!line.startsWith('{')) console.log(`[server] ${line}`);
      else if (shown++ < (options.shownLogLines ?? 3)) console.log(`[server] ${line.slice(0, 600)}`);
    }
  });
  const state = await untilHealthy(child, baseUrl, 120_000);
  if (state === 'healthy') return { child, pid: child.pid!, baseUrl };
  if (state === 'exited') throw new Error(`the server exited with ${child.exitCode}`);
  child.kill('SIGKILL');
  throw new Error('the server did not answer /api/health within 120 s');
}

export async function stopServerProcess(server: ServerProcess) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN;
}

/** Samples a process's RSS every `everyMs` while `work` runs; the highest sample and the work's result. */
export async function withRssSampling<T>(
  pid: number,
  work: () => Promise<T>,
  everyMs = 100,
): Promise<{ result: T; rssBefore: number; rssMax: number }> {
  const rssBefore = rssMb(pid);
  let rssMax = rssBefore;
  const timer = setInterval(() => {
    rssMax = Math.max(rssMax, rssMb(pid));
  }, everyMs);
  try {
    const result = await work();
    return { result, rssBefore, rssMax: Math.max(rssMax, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

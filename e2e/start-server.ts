/**
 * The browser tests' and the web bench's one way to build the web app and start Keqing as `npm start` runs it:
 * the bundled server (dist/main.mjs) in production mode, the embedded database (demo data seeded at start when
 * empty), the built web app served by the server, a child process stopped afterwards.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { spawnBundledServer, untilHealthy } from '../packages/server/src/bench/server-process.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** `vite build` of the web app, into `outDir` (its own directory, so a run never disturbs another's) or its dist. */
export function buildWeb(outDir?: string) {
  const extra = outDir ? ['--', '--outDir', outDir, '--emptyOutDir'] : [];
  const build = spawnSync('npm', ['run', 'build', '-w', '@keqing/web', ...extra], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('web build failed');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type StartedServer = {
  baseUrl: string;
  /** What the server printed so far (stdout and stderr) */
  log: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts the server on 127.0.0.1:`port` with PGlite in `dataDir` (and the web app of `webDist`, else the default
 * dist) and resolves once /api/health answers; seeding the demo data into an empty directory takes minutes on a
 * busy 2-core machine, hence the long wait.
 */
export async function startServer(options: {
  port: number;
  dataDir: string;
  webDist?: string;
  timeoutMs?: number;
}): Promise<StartedServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(options.port),
    HOST: '127.0.0.1',
    KEQING_DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
  };
  if (options.webDist) env.KEQING_WEB_DIST = options.webDist;
  delete env.DATABASE_URL; // the embedded default, like `npm start`
  let log = '';
  // the server bundle `npm start` runs (packages/server/build.mjs), built now so it is the code under test
  const child = spawnBundledServer(env, ['ignore', 'pipe', 'pipe']);
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r).once('error', r));
    child.kill('SIGTERM');
    await exited;
  };
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const state = await untilHealthy(child, baseUrl, options.timeoutMs ?? 300_000);
  if (state === 'healthy') return { baseUrl, log: () => log, stop };
  if (state === 'exited') throw new Error(`server exited (${child.exitCode}):\n${log}`);
  await stop();
  throw new Error(`server did not become healthy:\n${log}`);
}

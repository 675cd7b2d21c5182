/**
 * Builds the web app, starts Keqing on a free port with a fresh embedded
 * database (demo data seeded at start, as `npm start` does) and hands the URL
 * to the specs. Stops the server afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb, freePort, startServer } from './start-server.ts';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  buildWeb();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keqing-e2e-'));
  const server = await startServer({ port: await freePort(), dataDir, timeoutMs: 150_000 });
  project.provide('baseUrl', server.baseUrl);

  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

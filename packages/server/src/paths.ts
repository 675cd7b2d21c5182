/**
 * Where the server's files are, from one place: the same answers whether this runs as TypeScript (src/paths.ts
 * via tsx) or bundled (dist/main.mjs, `npm start`), because src/ and dist/ sit at the same depth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/server */
export const serverRoot = fileURLToPath(new URL('..', import.meta.url));

/** The committed SQL migrations (forward-only). */
export const migrationsFolder = path.join(serverRoot, 'src', 'db', 'migrations');

/** The built web app (`npm run build -w @keqing/web`). */
export const defaultWebDist = path.join(serverRoot, '..', 'web', 'dist');

/** The repository's package.json (the app version). */
export const rootPackageJson = path.join(serverRoot, '..', '..', 'package.json');

/**
 * The node arguments of packages/server's `start` script (`node <flags…> dist/main.mjs`, relative to serverRoot),
 * so the browser tests and the benches start the server exactly as `npm start` does.
 */
export function startScriptArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(serverRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = pkg.scripts.start.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`the start script does not run node: ${pkg.scripts.start}`);
  return args;
}

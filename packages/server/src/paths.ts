/**
 * Where the server's files are, from one place: the same answers whether this runs as TypeScript (src/paths.ts
 * via tsx) or bundled (dist/main.mjs, `npm start`), because src/ and dist/ sit at the same depth.
 */
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

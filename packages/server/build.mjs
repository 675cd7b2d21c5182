/**
 * `npm run build -w @keqing/server`: the server as one ES module, dist/main.mjs, which `npm start` runs with plain
 * node. The workspace packages (@keqing/domain, @keqing/shared, TypeScript sources) are bundled in; npm
 * dependencies stay external and load from node_modules (native modules, PGlite's wasm and data files). Running
 * without tsx's in-process compiler keeps about 70 MB of resident memory off the server (issue 8 item 8).
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// what the workspace packages import from npm, besides the server's own dependencies
const workspaceDependencies = ['domain', 'shared'].flatMap((name) =>
  Object.keys(
    JSON.parse(readFileSync(new URL(`../${name}/package.json`, import.meta.url), 'utf8')).dependencies ?? {},
  ),
);
const external = [...Object.keys(pkg.dependencies), ...workspaceDependencies].filter(
  (name) => !name.startsWith('@keqing/'),
);

await build({
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/main.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: 'linked',
  logLevel: 'warning',
});

import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// In development the API runs on its own port; in production the server serves dist/ itself.
const api = { '/api': { target: 'http://127.0.0.1:3000' } };

/**
 * src/early.ts as an entry of its own, its script first in the page's head: it starts the page load's first API
 * requests before the app's chunks evaluate (lib/early-requests.ts). A second module script in index.html would
 * be bundled into the app's entry and run after React and antd, hence the plugin. Build only: in development
 * the app asks as it always does.
 */
function earlyRequestsEntry(): Plugin {
  const entry = fileURLToPath(new URL('./src/early.ts', import.meta.url));
  return {
    name: 'keqing-early-requests',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: entry, name: 'early' });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === entry,
        );
        if (!chunk) throw new Error('the early requests entry (src/early.ts) was not built');
        return [
          {
            tag: 'script',
            // async: runs as soon as it has loaded, without waiting for the page to be parsed
            attrs: { type: 'module', async: true, crossorigin: true, src: `/${chunk.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}

const config: UserConfig = {
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    earlyRequestsEntry(),
    // .br and .gz beside each built file (max quality, once at build time): the server sends them as they are
    // (@fastify/static preCompressed) instead of compressing every response.
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
  server: { port: 5173, proxy: api },
  preview: { proxy: api },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // ECharts (≈530 kB, loaded only with the 360° page's score chart) is the one big chunk, on purpose.
    chunkSizeWarningLimit: 600,
  },
};

export default defineConfig(({ command, mode }) => {
  // A parent process (vitest sets NODE_ENV=test) must not turn `vite build` into React's development build.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return config;
});

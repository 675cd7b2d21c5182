import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

// In development the API runs on its own port; in production the server serves dist/ itself.
const api = { '/api': { target: 'http://127.0.0.1:3000' } };

const config: UserConfig = {
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
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

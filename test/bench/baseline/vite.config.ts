// The baseline for the cold offline load: a bare Vite + React page with a lock-screen-like heading,
// built in the same bench run with the same Workbox settings as the app (generateSW, precache,
// inline runtime, clientsClaim, navigateFallback), so both load offline from their own service
// worker. Output: dist-bench/baseline. Not part of `vite build`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  logLevel: 'warn',
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html}'],
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        inlineWorkboxRuntime: true,
        skipWaiting: false,
        clientsClaim: true,
      },
    }),
  ],
  build: {
    outDir: here('../../../dist-bench/baseline'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});

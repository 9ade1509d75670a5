// The bench harness build (test/bench/harness -> dist-bench/harness), served under /__bench/ beside
// a copy of the production build so it shares the app's origin. Not part of `vite build`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/__bench/',
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: here('../../../dist-bench/harness'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
});

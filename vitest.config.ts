import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['fake-indexeddb/auto', './test/setup.ts'],
    testTimeout: 30_000,
    // Set-up hooks derive PBKDF2 at 600,000 several times (and some rotate the data key): slow on a loaded 2-core machine.
    hookTimeout: 60_000,
    pool: 'threads',
  },
});

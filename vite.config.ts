import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// One config for the web build (root web/, output dist/web, dev proxy to the API) and for vitest.
export default defineConfig({
  root: 'web',
  plugins: [solid()],
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
  test: {
    root: '.',
    // vite-plugin-solid sets jsdom when no environment is named; nothing here needs a DOM emulation.
    environment: 'node',
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          // Timeouts catch hangs, not slowness: tests that start servers and CLI processes take several times
          // longer on a loaded two-core machine.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: the machine has two cores and Chromium wants both.
          fileParallelism: false,
        },
      },
    ],
  },
});

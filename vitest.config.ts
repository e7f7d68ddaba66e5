// Kept apart from vite.config.ts so that the crx plugin never runs under test.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'extension/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['test/support/fast-check-seed.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          // Real browsers on a 2-core machine: one file at a time, generous timeouts.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

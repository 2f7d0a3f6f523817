import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    setupFiles: ['server/test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file owns a whole database; two at a time keeps 2 cores busy without thrashing.
    maxWorkers: 2,
    pool: 'forks',
  },
});

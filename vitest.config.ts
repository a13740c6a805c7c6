import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One local stack (PostgreSQL + FerretDB + Temporal dev server) for the whole run; each test
    // file gets its own database and task queue on it.
    globalSetup: ['test/support/global-setup.ts'],
    // Temporal workers use native code: run test files in child processes, not threads.
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

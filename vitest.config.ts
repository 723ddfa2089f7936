import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // SQLite files and loopback servers are per test file; files can run in parallel.
    pool: 'forks',
  },
});

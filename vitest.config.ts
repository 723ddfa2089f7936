import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: two cores run many files at once; every wait inside a test ends on a positive signal.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // SQLite files and loopback servers are per test file; files can run in parallel.
    pool: 'forks',
    // Files share a worker's module cache (each file still opens its own stores, servers and temp
    // folders): importing the sources afresh for each of ~140 files cost a quarter of the suite's time.
    isolate: false,
  },
});

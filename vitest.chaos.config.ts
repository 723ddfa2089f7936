import { defineConfig } from 'vitest/config';

/**
 * The chaos suites (`npm run test:chaos`): crashes, faults and injections,
 * each a long run that prints its figures. One file at a time, so process
 * kills and fault timings are not skewed by the other suites' load.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

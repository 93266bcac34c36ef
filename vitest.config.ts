import { defineConfig } from 'vitest/config';

// Long experiments run only with CLUSTERSIM_LONG=1 (see README, "Tests").
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests run the TypeScript sources; the plan cache is keyed on dist/, so keep it out of the way.
    env: { IRREADY_NO_CACHE: '1', NO_COLOR: '1' },
    testTimeout: 30_000,
    pool: 'forks',
  },
});

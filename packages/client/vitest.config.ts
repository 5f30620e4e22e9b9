import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Generous: CI runs several packages' tests at once on 2 cores.
    testTimeout: 15_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'contract', include: ['test/contract/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});

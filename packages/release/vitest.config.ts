import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: CI runs several packages' tests at once on 2 cores, and the publish test installs packages.
    testTimeout: 15_000,
  },
});

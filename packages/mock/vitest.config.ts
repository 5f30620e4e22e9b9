import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Generous: these tests start Prism processes, and CI runs several packages' tests at once on 2 cores.
    testTimeout: 30_000,
  },
});

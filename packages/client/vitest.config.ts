import { testTimeouts } from '@tenantctl/mock';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Pact reports usage to its makers unless told not to; tests send nothing anywhere.
    env: { PACT_DO_NOT_TRACK: 'true' },
    // Generous, and scaled by TEST_TIMEOUT_SCALE: these tests start Prism, Pact and Chromium, and CI
    // runs several packages' tests at once on 2 cores.
    ...testTimeouts(),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/contract/**'] },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          // Every file adds interactions to the same pact file: one at a time, the old file removed first.
          fileParallelism: false,
          globalSetup: ['test/contract/pact-setup.ts'],
        },
      },
    ],
  },
});

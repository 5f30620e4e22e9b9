import { testTimeouts } from '@tenantctl/mock';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous, and scaled by TEST_TIMEOUT_SCALE: CI runs several packages' tests at once on 2 cores,
    // and the publish test starts Verdaccio and installs packages.
    ...testTimeouts(),
  },
});

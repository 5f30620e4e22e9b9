import { testTimeouts } from '@tenantctl/mock';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Generous, and scaled by TEST_TIMEOUT_SCALE: these tests start servers and processes, and CI
      // runs several packages' tests at once on 2 cores.
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/contract/**', 'test/hardening/**'],
          ...testTimeouts(),
        },
      },
      {
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          ...testTimeouts(),
          // Pact reports usage to its makers unless told not to; tests send nothing anywhere.
          env: { PACT_DO_NOT_TRACK: 'true' },
        },
      },
      // Property, fault and security tests: each bounded, each printing its figures.
      { test: { name: 'hardening', include: ['test/hardening/**/*.test.ts'], ...testTimeouts() } },
    ],
  },
});

import { testTimeouts } from '@tenantctl/mock';
import { defineConfig } from 'vitest/config';

/** Tier 3: the built binary as a child process (which mutation testing cannot reach). */
export const binaryTests = [
  'test/main.test.ts',
  'test/launcher.test.ts',
  'test/hardening/**/*.test.ts',
  'test/sign-in/**/*.test.ts',
  'test/install/**/*.test.ts',
  'test/doctor/e2e/**/*.test.ts',
  'test/tenants/**/*.test.ts',
  'test/fleet/binary.test.ts',
  'test/fleet/records.binary.test.ts',
  'test/fleet/drift-and-failure.binary.test.ts',
];

export default defineConfig({
  test: {
    // Generous, and scaled by TEST_TIMEOUT_SCALE: these tests start servers and processes, and CI
    // runs several packages' tests at once on 2 cores.
    ...testTimeouts(),
    projects: [
      // Tiers 1 and 2: argv → options, and command functions with injected dependencies, in this process.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: binaryTests,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: binaryTests,
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Generous: these tests start servers and processes, and CI runs several packages' tests at once on 2 cores.
    testTimeout: 30_000,
    projects: [
      // Tiers 1 and 2: argv → options, and command functions with injected dependencies, in this process.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/main.test.ts',
            'test/launcher.test.ts',
            'test/hardening/**',
            'test/sign-in/**',
            'test/install/**',
            'test/doctor/e2e/**',
          ],
        },
      },
      // Tier 3: the built binary as a child process.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [
            'test/main.test.ts',
            'test/launcher.test.ts',
            'test/hardening/**/*.test.ts',
            'test/sign-in/**/*.test.ts',
            'test/install/**/*.test.ts',
            'test/doctor/e2e/**/*.test.ts',
          ],
        },
      },
    ],
  },
});

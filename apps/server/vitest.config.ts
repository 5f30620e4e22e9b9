import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { test: { name: 'contract', include: ['test/contract/**/*.test.ts'] } },
      // Property, fault and security tests: each bounded, each printing its figures.
      { test: { name: 'hardening', include: ['test/hardening/**/*.test.ts'], testTimeout: 120_000 } },
    ],
  },
});

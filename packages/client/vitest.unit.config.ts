// The in-process tests alone (no Prism, no Pact, no browser): what mutation testing runs for each
// mutant. The session's tests are in-process too (a scripted server on loopback), so they are in.
import { testTimeouts } from '@tenantctl/mock';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/contract/**', 'test/integration/**', 'test/browser/**'],
    ...testTimeouts(),
  },
});

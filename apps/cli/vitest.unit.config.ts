// Tiers 1 and 2 alone (argv → options, command functions in this process): what mutation testing runs
// for each mutant. The binary's tests (tier 3) cannot see a mutant: they run the built bundle.
import { testTimeouts } from '@tenantctl/mock';
import { defineConfig } from 'vitest/config';
import { binaryTests } from './vitest.config.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: binaryTests,
    ...testTimeouts(),
  },
});

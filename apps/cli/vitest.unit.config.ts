// Tiers 1 and 2 alone (argv → options, command functions in this process): what mutation testing runs
// for each mutant. The binary's tests (tier 3) cannot see a mutant: they run the built bundle.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/main.test.ts', 'test/launcher.test.ts', 'test/hardening/**'],
    testTimeout: 30_000,
  },
});

// The in-process tests alone (no Prism, no Pact): what mutation testing runs for each mutant.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/*.test.ts'], testTimeout: 15_000 },
});

// What mutation testing runs: the whole suite but test/spec-file.test.ts, whose subject is where the spec
// lives in the repository (../../openapi), which Stryker's sandbox copy of this package does not have.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/spec-file.test.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  // test/ only: a sandbox a stopped mutation run leaves behind (.stryker-tmp/) holds copies of the tests.
  test: { include: ['test/**/*.test.ts'] },
});

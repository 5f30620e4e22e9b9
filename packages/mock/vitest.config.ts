import { defineConfig } from 'vitest/config';
import { testTimeouts } from './src/readiness.js';

export default defineConfig({
  // These tests start Prism processes, and CI runs several packages' tests at once on 2 cores.
  test: { ...testTimeouts() },
});

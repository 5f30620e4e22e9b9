// What mutation testing runs: the whole suite but test/spec-file.test.ts, whose subject is where the spec
// lives in the repository (../../openapi), which Stryker's sandbox copy of this package does not have.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { exclude: ['test/spec-file.test.ts'] } }));

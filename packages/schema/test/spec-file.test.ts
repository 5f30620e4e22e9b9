import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { specPath } from '../src/spec-file.js';

describe('specPath', () => {
  it('is openapi/tenant.yaml at the repository root', () => {
    expect(specPath).toMatch(/\/openapi\/tenant\.yaml$/);
    expect(existsSync(specPath)).toBe(true);
    expect(readFileSync(specPath, 'utf8')).toMatch(/^openapi: 3\.1/m);
  });
});

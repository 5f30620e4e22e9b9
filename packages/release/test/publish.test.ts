import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registryFor } from '../src/publish.js';

describe('the registry a release goes to', () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-'));
  writeFileSync(join(dir, '.npmrc'), '@tenantctl:registry=http://127.0.0.1:4873/\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const isolated = { HOME: dir, PATH: process.env.PATH };

  it("is the scope's registry in .npmrc", () => {
    expect(registryFor(dir, '@tenantctl', isolated)).toBe('http://127.0.0.1:4873/');
  });

  it('is npm_config_registry when set, as with npm', () => {
    expect(registryFor(dir, '@tenantctl', { ...isolated, npm_config_registry: 'http://127.0.0.1:9/' })).toBe(
      'http://127.0.0.1:9/',
    );
  });

  it('is nothing without either, and says where to set one', () => {
    const bare = mkdtempSync(join(tmpdir(), 'registry-'));
    try {
      expect(() => registryFor(bare, '@tenantctl', { HOME: bare, PATH: process.env.PATH })).toThrow(
        'set @tenantctl:registry in .npmrc or npm_config_registry',
      );
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

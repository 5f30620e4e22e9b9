// The binary's launcher: the bundle run through a V8 code cache per command, kept in the user's cache.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binary } from './support/run-cli.js';

const cacheHome = mkdtempSync(join(tmpdir(), 'tenantctl-cache-'));
afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [binary, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cacheHome, XDG_CACHE_HOME: cacheHome, ...env },
  });
const caches = () => readdirSync(join(cacheHome, 'tenantctl')).sort();

describe('launcher', () => {
  it('writes one cache per command on its first run, and uses it after', () => {
    expect(run(['explain', 'name']).status).toBe(0);
    expect(run(['--help']).status).toBe(0);
    const written = caches();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(
      new RegExp(`^${process.version}-${process.arch}-\\d+-\\d+-explain\\.v8cache$`),
    );
    expect(written[1]).toMatch(/-none\.v8cache$/);
    const path = join(cacheHome, 'tenantctl', written[0] ?? '');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const before = readFileSync(path);
    const again = run(['explain', 'name']);
    expect(again.stdout).toContain('The name of the tenant.');
    expect(readFileSync(path)).toEqual(before); // accepted, so not written again
  });

  it('writes a cache V8 refuses again, and still runs', () => {
    const path = join(cacheHome, 'tenantctl', caches()[0] ?? '');
    writeFileSync(path, 'not a code cache');
    const result = run(['explain', 'name']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(readFileSync(path).length).toBeGreaterThan(1000);
  });

  it('runs without a cache when told to, or when it cannot write one', () => {
    const other = mkdtempSync(join(tmpdir(), 'tenantctl-nocache-'));
    try {
      expect(run(['explain', 'name'], { XDG_CACHE_HOME: other, TENANTCTL_NO_CODE_CACHE: '1' }).status).toBe(
        0,
      );
      expect(readdirSync(other)).toEqual([]);
      writeFileSync(join(other, 'tenantctl'), 'a file where the folder would go');
      const result = run(['explain', 'name'], { XDG_CACHE_HOME: other });
      expect(result).toMatchObject({ status: 0, stderr: '' });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('with --verbose, shows stack traces in the TypeScript sources', () => {
    const result = run(['--verbose', 'get'], {
      TENANTCTL_URL: 'http://127.0.0.1:9/api',
      TENANTCTL_TOKEN: 't',
      TENANTCTL_NO_CODE_CACHE: '',
    });
    expect(result.status).toBe(4);
    expect(result.stderr).toMatch(/\n\s+at .*\/packages\/client\/src\/\S+\.ts:\d+:\d+\)?\n/);
  });
});

// Tier 3: tenantctl as operators install it, outside the monorepo. The package's tarball installed
// with npm into a temporary prefix, and the standalone executable run with no Node.js on PATH, each
// against the real reference server.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaledMs } from '@tenantctl/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useReferenceServer } from '../support/reference-server.js';

const cliRoot = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tenantctl-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const context = useReferenceServer({ tenants: ['Installed Tenant'] });

/**
 * Runs a program with exactly this environment (nothing inherited). Asynchronously: the reference
 * server answers from this very process.
 */
function run(file: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    execFile(file, args, { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

describe('the npm tarball', () => {
  const prefix = join(work, 'prefix');
  beforeAll(() => {
    const packed = join(work, 'packed');
    mkdirSync(packed);
    execFileSync('pnpm', ['pack', '--pack-destination', packed], { cwd: cliRoot, stdio: 'pipe' });
    const [tarball = ''] = readdirSync(packed);
    // Offline: the package needs nothing from a registry (the bundle carries every dependency).
    execFileSync(
      'npm',
      [
        'install',
        '--global',
        '--prefix',
        prefix,
        '--offline',
        '--no-audit',
        '--no-fund',
        join(packed, tarball),
      ],
      {
        stdio: 'pipe',
        env: { ...process.env, npm_config_cache: join(work, 'npm-cache') },
      },
    );
  }, scaledMs(120_000));

  it('installs a tenantctl that runs with only Node.js, no workspace package beside it', async () => {
    const installed = readdirSync(join(prefix, 'lib', 'node_modules', '@tenantctl', 'cli'));
    expect(installed).not.toContain('node_modules');
    const env = { PATH: `${join(prefix, 'bin')}:${join(process.execPath, '..')}`, HOME: work };
    const version = await run(join(prefix, 'bin', 'tenantctl'), ['--version'], env);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^tenantctl \d+\.\d+\.\d+ \(spec: PBX Tenant API \d+\.\d+\.\d+\)\n$/);
    const get = await run(join(prefix, 'bin', 'tenantctl'), ['get', '--field', 'name'], {
      ...env,
      ...context.env,
    });
    expect(get).toEqual({ code: 0, stdout: 'Installed Tenant\n', stderr: '' });
  });
});

describe('the standalone executable', () => {
  const out = join(work, 'standalone');
  let executable = '';
  beforeAll(() => {
    execFileSync(process.execPath, [join(cliRoot, 'scripts', 'build-standalone.mjs'), '--out', out], {
      stdio: 'pipe',
    });
    executable = join(out, `tenantctl-${process.platform}-${process.arch}`);
  }, scaledMs(120_000));

  it('runs where there is no Node.js on PATH', async () => {
    const nothing = join(work, 'empty-path');
    mkdirSync(nothing, { recursive: true });
    const env = { PATH: nothing, HOME: work };
    expect(spawnSync('node', ['--version'], { env }).error).toBeDefined(); // no node to be found
    const version = await run(executable, ['--version'], env);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^tenantctl \d+\.\d+\.\d+ \(spec: PBX Tenant API/);
    const get = await run(executable, ['get', '--field', 'name'], { ...env, ...context.env });
    expect(get).toEqual({ code: 0, stdout: 'Installed Tenant\n', stderr: '' });
    const explain = await run(executable, ['explain', 'timezone', '--values'], env);
    expect(explain.stdout.split('\n')).toContain('Europe/Berlin');
  });
});

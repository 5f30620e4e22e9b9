// `tenant-server`, run as the real built binary: every admin command, its output and exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/storage/sqlite-store.js';
import { hashToken } from '../src/tokens.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tenant-cli-'));
const db = join(dir, 'tenants.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runWithInput(
  input: string,
  ...args: string[]
): { stdout: string; stderr: string; status: number | null } {
  const { stdout, stderr, status } = spawnSync(process.execPath, [cli, ...args, '--db', db], {
    encoding: 'utf8',
    input,
  });
  return { stdout, stderr, status };
}

const run = (...args: string[]) => runWithInput('', ...args);

async function withStore<T>(work: (store: ReturnType<typeof openSqliteStore>) => Promise<T>): Promise<T> {
  const store = openSqliteStore({ path: db });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('tenant-server', () => {
  it('tenants create prints the token once on stdout and stores only its hash', async () => {
    const { stdout, status } = run('tenants', 'create', '--name', 'Admin Co');
    expect(status).toBe(0);
    const token = stdout.trim();
    expect(token).toMatch(/^tnt_[\w-]{43}$/);
    const owner = await withStore((store) => store.findTokenOwner(hashToken(token)));
    expect(owner?.version).toBe(1);
    const file =
      readFileSync(db).toString('latin1') + readFileSync(`${db}-wal`, { flag: 'a+' }).toString('latin1');
    expect(file).not.toContain(token);
    expect(file).not.toContain(token.slice(4));
  });

  it('tenants list prints id and name, one per line, in creation order', () => {
    run('tenants', 'create', '--name', 'Second Co');
    const lines = run('tenants', 'list').stdout.trim().split('\n');
    expect(lines.map((line) => line.split('\t')[1])).toEqual(['Admin Co', 'Second Co']);
    expect(lines[0]).toMatch(/^[A-Za-z0-9]{24}\tAdmin Co$/);
  });

  it('tenants set-limits sets system-side fields, typed and validated by the spec', async () => {
    const id = run('tenants', 'list').stdout.split('\t')[0] ?? '';
    const ok = run('tenants', 'set-limits', '--tenant', id, 'max_extensions=5000', 'enable_billing=true');
    expect(ok).toEqual({ status: 0, stdout: '', stderr: 'Updated 2 field(s).\n' });
    const bad = run('tenants', 'set-limits', '--tenant', id, 'max_extensions=lots');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'tenant-server: invalid values, nothing was changed:\n  - max_extensions: must be an integer\n',
    );
    expect(run('tenants', 'set-limits', '--tenant', id, 'name=x').stderr).toContain(
      'not a system-side field',
    );
    expect((await withStore((store) => store.readTenant(id)))?.settings).toMatchObject({
      max_extensions: 5000,
      enable_billing: true,
    });
  });

  it('tokens create and revoke', async () => {
    const id = run('tenants', 'list').stdout.split('\t')[0] ?? '';
    const created = run('tokens', 'create', '--tenant', id);
    expect(created.stdout.trim()).toMatch(/^tnt_/);
    expect(run('tokens', 'create', '--tenant', 'nope')).toMatchObject({
      status: 2,
      stderr: 'tenant-server: no tenant with id nope\n',
    });
    const tokenId = /Token (\S+) created/.exec(created.stderr)?.[1] ?? '';
    expect(run('tokens', 'revoke', '--token-id', tokenId).status).toBe(0);
    expect(run('tokens', 'revoke', '--token-id', tokenId)).toMatchObject({ status: 2 });
    expect(
      await withStore((store) => store.findTokenOwner(hashToken(created.stdout.trim()))),
    ).toBeUndefined();
  });

  it('says what is missing, and prints usage for an unknown command', () => {
    expect(run('tenants', 'create')).toMatchObject({ status: 2 });
    expect(run('tenants', 'create').stderr).toContain('--name is required');
    const unknown = run('tenants', 'frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "tenants frobnicate"');
    expect(run('--help').stdout).toContain('Usage: tenant-server <command> [options]');
  });

  it('users create, list and remove; the password only from standard input', async () => {
    const id = run('tenants', 'list').stdout.split('\t')[0] ?? '';
    const created = runWithInput(
      's3cret-pw\nignored second line\n',
      'users',
      'create',
      '--tenant',
      id,
      '--username',
      'alice',
      '--password-stdin',
    );
    expect(created).toEqual({ status: 0, stdout: '', stderr: `Created user alice in tenant ${id}.\n` });
    runWithInput(
      'pw\n',
      'users',
      'create',
      '--tenant',
      id,
      '--username',
      'bob',
      '--password-stdin',
      '--two-factor',
      '--email',
      'bob@x.test',
      '--role',
      'viewer',
    );
    expect(run('users', 'list').stdout).toBe(
      `${id}\talice\tadmin\tpassword\n${id}\tbob\tviewer\ttwo-factor\n`,
    );
    const [alice] = await withStore((store) => store.listUsers(id));
    const { verifyPassword } = await import('../src/auth/passwords.js');
    expect(await verifyPassword('s3cret-pw', alice?.passwordHash ?? '')).toBe(true);
    const noStdin = run('users', 'create', '--tenant', id, '--username', 'carol');
    expect(noStdin).toMatchObject({
      status: 2,
      stderr:
        'tenant-server: give the password on standard input with --password-stdin (never as an argument)\n',
    });
    expect(run('users', 'remove', '--tenant', id, '--username', 'bob')).toMatchObject({ status: 0 });
    expect(run('users', 'list', '--tenant', id).stdout).toBe(`${id}\talice\tadmin\tpassword\n`);
    expect(run('users', 'remove', '--tenant', id, '--username', 'bob').status).toBe(2);
  });

  it('refuses a serve option that is not a whole number of seconds', () => {
    const result = run('serve', '--access-token-ttl', 'soon');
    expect(result).toMatchObject({
      status: 2,
      stderr: 'tenant-server: --access-token-ttl takes a whole number ≥ 1\n',
    });
  });

  it('refuses a --trust-proxy that is not an address or range, and a window longer than a day', () => {
    expect(run('serve', '--trust-proxy', '10.0.0.1', '--trust-proxy', 'lb.internal')).toMatchObject({
      status: 2,
      stderr:
        'tenant-server: --trust-proxy "lb.internal" is not an address or CIDR range, e.g. 10.0.0.5 or 10.0.0.0/8\n',
    });
    expect(run('serve', '--sign-in-window', '86401')).toMatchObject({
      status: 2,
      stderr: 'tenant-server: --sign-in-window takes a whole number ≥ 1 and ≤ 86400\n',
    });
  });

  it('refuses a --cors-origin that is not an origin', () => {
    expect(run('serve', '--cors-origin', 'https://app.example.com/path')).toMatchObject({
      status: 2,
      stderr:
        'tenant-server: --cors-origin "https://app.example.com/path" is not an origin (scheme://host[:port], no path), e.g. https://app.example.com\n',
    });
  });

  it('docs --out writes the API reference as one HTML file, making its folder', () => {
    const out = join(dir, 'site', 'reference.html');
    const result = run('docs', '--out', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `Wrote the API reference to ${out} (one file: open it in a browser, host it anywhere).\n`,
    );
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('"title":"PBX Tenant API"');
    expect(run('docs')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^tenant-server: --out FILE is required/),
    });
  });
});

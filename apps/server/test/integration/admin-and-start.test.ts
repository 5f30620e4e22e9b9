// The admin commands and `pnpm start`, run as the real built binaries.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tenant-admin-'));
const db = join(dir, 'tenants.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function admin(...args: string[]): { stdout: string; status: number; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [join(dist, 'cli.js'), ...args, '--db', db], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { stdout, status: 0, stderr: '' };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; status: number };
    return { stdout: e.stdout, status: e.status, stderr: e.stderr };
  }
}

describe('tenant-server admin commands', () => {
  it('creates a tenant with a token printed once and stored only as a hash', () => {
    const { stdout, status } = admin('tenants', 'create', '--name', 'Admin Co');
    expect(status).toBe(0);
    const token = stdout.trim();
    expect(token).toMatch(/^tnt_[\w-]{43}$/);
    const store = openSqliteStore({ path: db });
    const [tenant] = store.listTenants();
    expect(tenant?.settings).toMatchObject({
      name: 'Admin Co',
      max_extensions: 1000,
      recording_retention: 180,
    });
    store.close();
    const file =
      readFileSync(db).toString('latin1') + readFileSync(`${db}-wal`, { flag: 'a+' }).toString('latin1');
    expect(file).not.toContain(token);
    expect(file).not.toContain(token.slice(4));
  });

  it('sets system-side limits, typed and validated by the spec', () => {
    const id = admin('tenants', 'list').stdout.split('\t')[0] ?? '';
    expect(
      admin('tenants', 'set-limits', '--tenant', id, 'max_extensions=5000', 'enable_billing=true').status,
    ).toBe(0);
    const bad = admin('tenants', 'set-limits', '--tenant', id, 'max_extensions=lots');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('max_extensions: must be an integer or null');
    const settable = admin('tenants', 'set-limits', '--tenant', id, 'name=x');
    expect(settable.stderr).toContain('not a system-side field');
    const store = openSqliteStore({ path: db });
    expect(store.readTenant(id)?.settings).toMatchObject({ max_extensions: 5000, enable_billing: true });
    store.close();
  });

  it('creates and revokes further tokens', () => {
    const id = admin('tenants', 'list').stdout.split('\t')[0] ?? '';
    expect(admin('tokens', 'create', '--tenant', id).stdout.trim()).toMatch(/^tnt_/);
    expect(admin('tokens', 'create', '--tenant', 'nope').stderr).toContain('no tenant with id nope');
    expect(admin('tokens', 'revoke', '--token-id', 'nope').status).toBe(2);
  });
});

describe('pnpm start (start-demo)', () => {
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGTERM'));

  it('creates a demo tenant on first run and prints the URL, the token and commands to try', async () => {
    const demoDb = join(dir, 'demo', 'tenants.db');
    child = spawn(process.execPath, [join(dist, 'start-demo.js')], {
      env: { ...process.env, TENANT_SERVER_DB: demoDb, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 15_000);
      child?.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const url = /Tenant API \(reference server\) on (\S+)\/tenant/.exec(out)?.[1] ?? '';
    const token = /Demo token [^:]+: (\S+)/.exec(out)?.[1] ?? '';
    expect(out).toContain('pnpm tenantctl get');
    const response = await fetch(`${url}/tenant`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { name: string }).name).toBe('Demo Tenant');
    expect(statSync(join(dir, 'demo', 'demo-token')).mode & 0o777).toBe(0o600);
  });
});

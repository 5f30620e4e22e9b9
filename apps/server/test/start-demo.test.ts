// `pnpm start` (dist/start-demo.js) as a real process: first run, second run, Ctrl-C.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForOutput } from '@tenantctl/mock';
import { afterAll, describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../dist/start-demo.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tenant-demo-'));
const db = join(dir, 'demo', 'tenants.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startDemo(port = '0'): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [demo], {
    env: { ...process.env, TENANT_SERVER_DB: db, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = waitForOutput(child, 'pnpm start', /Ctrl-C/);
  await ready;
  const out = ready.output();
  return { child, out };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('pnpm start (start-demo)', () => {
  it('creates a demo tenant on first run and prints the URL, the token and commands to try', async () => {
    const { child, out } = await startDemo();
    try {
      const url = /Tenant API \(reference server\) on (\S+)\/tenant/.exec(out)?.[1] ?? '';
      const token = /Demo token [^:]+: (\S+)/.exec(out)?.[1] ?? '';
      expect(out).toContain('tenantctl get');
      const response = await fetch(`${url}/tenant`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { name: string }).name).toBe('Demo Tenant');
      const tokenFile = join(dir, 'demo', 'demo-token');
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(tokenFile, 'utf8')).toBe(`${token}\n`);

      // The demo user signs in with the password from its file, which the banner names but never prints.
      const passwordFile = join(dir, 'demo', 'demo-password');
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      const password = readFileSync(passwordFile, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(out).not.toContain(password);
      expect(out).toContain(
        `pnpm -s tenantctl auth login --url ${url} --username demo --password-stdin < ${passwordFile}`,
      );
      const signIn = await fetch(`${url}/auth/sign_in`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'demo', password }),
      });
      expect(signIn.status).toBe(200);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('keeps the demo tenant, its token and its user on a second run', async () => {
    const first = readFileSync(join(dir, 'demo', 'demo-token'), 'utf8').trim();
    const password = readFileSync(join(dir, 'demo', 'demo-password'), 'utf8');
    const { child, out } = await startDemo();
    try {
      expect(out).toContain(`: ${first}\n`);
      expect(readFileSync(join(dir, 'demo', 'demo-password'), 'utf8')).toBe(password);
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });

  it('says in one line that the port is taken, and how to choose another (exit 1)', async () => {
    const { child, out } = await startDemo();
    try {
      const port = /127\.0\.0\.1:(\d+)\/api/.exec(out)?.[1] ?? '';
      const second = spawn(process.execPath, [demo], {
        env: { ...process.env, TENANT_SERVER_DB: join(dir, 'other', 'tenants.db'), PORT: port },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      second.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const code = await new Promise((resolve) => second.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toBe(
        `Port ${port} is taken (is pnpm start already running?). Choose another: PORT=${Number(port) + 1} pnpm start\n`,
      );
    } finally {
      expect(await stop(child)).toBe(0);
    }
  });
});

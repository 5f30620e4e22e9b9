// `tenant-server` on PostgreSQL: the same commands with `--database postgres://…`, and `serve` on it.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { waitForOutput } from '@tenantctl/mock';
import { describe, expect, it } from 'vitest';
import { postgresForFile } from './support/postgres.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const server = await postgresForFile();
const run = async (...args: string[]) =>
  promisify(execFile)(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe.runIf(server)('tenant-server --database postgres://…', () => {
  it('administers tenants there, and serves them, naming the database without its password', async () => {
    const database = (await server?.createDatabase()) ?? '';
    const created = await run('tenants', 'create', '--name', 'Pg Co', '--database', database);
    const token = created.stdout.trim();
    expect(token).toMatch(/^tnt_/);
    expect((await run('tenants', 'list', '--database', database)).stdout).toMatch(/\tPg Co\n$/);

    const serving = spawn(
      process.execPath,
      [cli, 'serve', '--database', database, '--port', '0', '--log-level', 'warn'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    try {
      const banner = (await waitForOutput(serving, 'tenant-server', /^.*\n/))[0];
      const password = new URL(database).password;
      expect(banner).toMatch(
        /^Tenant API on http:\/\/127\.0\.0\.1:\d+\/api\/tenant \(database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/tenant_test_\w+, postgres\)\n$/,
      );
      expect(banner).not.toContain(password);
      const url = /on (\S+)\/tenant/.exec(banner)?.[1];
      const answer = await fetch(`${url}/tenant`, { headers: { Authorization: `Bearer ${token}` } });
      expect(((await answer.json()) as { name: string }).name).toBe('Pg Co');
    } finally {
      serving.kill('SIGTERM');
    }
  });

  it('says in one line that a database cannot be reached (exit 1)', async () => {
    const url = new URL(server?.url ?? 'postgres://x@127.0.0.1/postgres');
    url.port = '1';
    const failed = await run('tenants', 'list', '--database', url.toString()).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(
      /^tenant-server: cannot open postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres \(connect ECONNREFUSED 127\.0\.0\.1:1\)\n$/,
    );
  });
});

import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tenantctl/mock';
import { type TestServer as ReferenceServer, startTestServer } from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configHome, runCli } from '../support/run-cli.js';

let server: ReferenceServer;
let failing: Server;
let hanging: Server;
let failingUrl: string;
let hangingUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'tenantctl-conn-'));

async function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
  const s = createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}/api`];
}

beforeAll(async () => {
  server = await startTestServer({ tenants: ['E2E Tenant'] });
  [failing, failingUrl] = await listen((_req, res) => {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end('{"errors":[{"code":"DISK_ON_FIRE","message":"internal"}]}');
  });
  [hanging, hangingUrl] = await listen(() => undefined);
});
afterAll(async () => {
  failing?.closeAllConnections();
  hanging?.closeAllConnections();
  failing?.close();
  hanging?.close();
  await server?.close();
});

describe('exit codes', () => {
  it('3 for a missing token, saying where a token can come from', async () => {
    const result = await runCli(['get'], { env: { TENANTCTL_URL: server.url } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no token: set TENANTCTL_TOKEN, pass --token-file FILE or --token-stdin');
    expect(server.requests.length).toBe(0);
  });

  it('3 for a rejected token, saying what to check, without the token', async () => {
    const result = await runCli(['get'], {
      env: { TENANTCTL_URL: server.url, TENANTCTL_TOKEN: 'tnt_rejected-canary' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      '401: the token was rejected — check TENANTCTL_TOKEN or run tenantctl config',
    );
    expect(result.stdout + result.stderr).not.toContain('rejected-canary');
  });

  it('4 for an unreachable server', async () => {
    const url = `http://127.0.0.1:${await freePort()}/api`;
    const result = await runCli(['get'], { env: { TENANTCTL_URL: url, TENANTCTL_TOKEN: 't' } });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/cannot reach .*ECONNREFUSED.*is the server running\?/);
  });

  it('4 for a server that does not answer in time', async () => {
    const result = await runCli(['get', '--timeout', '0.5'], {
      env: { TENANTCTL_URL: hangingUrl, TENANTCTL_TOKEN: 't' },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('did not answer in time');
  });

  it('1 for a server that fails, with no stack trace unless --verbose', async () => {
    const env = { TENANTCTL_URL: failingUrl, TENANTCTL_TOKEN: 'secret-token-canary' };
    const plain = await runCli(['get'], { env });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('500: the server answered with an error: internal');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const verbose = await runCli(['--verbose', 'get'], { env });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    expect(verbose.stderr + plain.stderr).not.toContain('secret-token-canary');
  });

  it('2 for a usage mistake', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['apply'])).code).toBe(2); // -f is required
  });

  it('0 for --help, which documents the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Exit codes:\n {2}0 {2}success\n {2}1 .*\n {2}2 .*\n {2}3 .*\n {2}4 /);
  });
});

describe('connection precedence: flags > environment > profile', () => {
  const tokenFile = join(dir, 'token');
  beforeAll(() => writeFileSync(tokenFile, `${'x'}\n`));

  it('takes the token from --token-file, --token-stdin, TENANTCTL_TOKEN or the profile', async () => {
    writeFileSync(tokenFile, `${server.tenant.token}\n`);
    expect(
      (await runCli(['get', '--field', 'name', '--url', server.url, '--token-file', tokenFile])).stdout,
    ).toBe('E2E Tenant\n');
    expect(
      (
        await runCli(['--url', server.url, '--token-stdin', 'get', '--field', 'name'], {
          stdin: server.tenant.token,
        })
      ).code,
    ).toBe(0);
    // A flag beats the environment: a wrong TENANTCTL_TOKEN is ignored when --token-file is given.
    const env = { TENANTCTL_URL: server.url, TENANTCTL_TOKEN: 'wrong' };
    expect((await runCli(['get', '--token-file', tokenFile], { env })).code).toBe(0);
    expect((await runCli(['get'], { env })).code).toBe(3);
  });

  it('stores a profile with mode 0600 and uses it; environment beats the profile, --url beats both', async () => {
    const set = await runCli(['config', 'set', '--url', 'http://127.0.0.1:9/api', '--token-stdin'], {
      stdin: server.tenant.token,
    });
    expect(set.code).toBe(0);
    const path = join(configHome, 'tenantctl', 'config.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The profile's URL is wrong: the environment's wins.
    expect((await runCli(['get', '--field', 'name'], { env: { TENANTCTL_URL: server.url } })).stdout).toBe(
      'E2E Tenant\n',
    );
    // …and --url wins over the environment.
    const flagged = await runCli(['get', '--url', server.url, '--field', 'name'], {
      env: { TENANTCTL_URL: 'http://127.0.0.1:9/api' },
    });
    expect(flagged.code).toBe(0);
    // With only the profile, its (unreachable) URL is used.
    expect((await runCli(['get'])).code).toBe(4);
    const shown = await runCli(['config', 'show']);
    expect(shown.stdout).toContain('token: stored in the config file');
    expect(shown.stdout).not.toContain(server.tenant.token);
  });

  it('uses a named profile with a token file, and says so when a profile is missing', async () => {
    writeFileSync(tokenFile, server.tenant.token);
    expect(
      (await runCli(['config', 'set', '--profile', 'lab', '--url', server.url, '--token-file', tokenFile]))
        .code,
    ).toBe(0);
    expect((await runCli(['--profile', 'lab', 'get', '--field', 'name'])).stdout).toBe('E2E Tenant\n');
    expect((await runCli(['config', 'list'])).stdout).toContain(`lab\t${server.url}`);
    const missing = await runCli(['--profile', 'nope', 'get']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no profile "nope"');
    expect((await runCli(['config', 'remove', '--profile', 'lab'])).code).toBe(0);
  });

  it('never takes a token from an argument', async () => {
    const result = await runCli(['get', '--token', server.tenant.token], {
      env: { TENANTCTL_URL: server.url },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--token'");
  });
});

describe('tenantctl completion', () => {
  it.each(['bash', 'zsh', 'fish'])(
    'prints a %s script with the commands and the spec fields',
    async (shell) => {
      const result = await runCli(['completion', shell]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('recording_retention');
      expect(result.stdout).toContain('apply');
      expect(result.stdout).toContain('drop-read-only');
    },
  );

  it('prints a bash script that bash accepts', async () => {
    const { stdout } = await runCli(['completion', 'bash']);
    const path = join(dir, 'completion.bash');
    writeFileSync(path, stdout);
    const { execFileSync } = await import('node:child_process');
    expect(() => execFileSync('bash', ['-n', path])).not.toThrow();
  });

  it('refuses another shell (exit 2)', async () => {
    expect((await runCli(['completion', 'powershell'])).code).toBe(2);
  });
});

// Tier 3: the built binary as a child process — argv, stdin, stdout, stderr, exit codes and the
// environment, end to end against the real reference server.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { freePort } from '@tenantctl/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHoldingProxy } from './support/holding-proxy.js';
import { useReferenceServer } from './support/reference-server.js';
import { binary, configHome, runCli } from './support/run-cli.js';

const context = useReferenceServer();
let failing: Server;
let hanging: Server;
let failingUrl: string;
let hangingUrl: string;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
  const s = createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}/api`];
}

beforeAll(async () => {
  [failing, failingUrl] = await listen((_req, res) => {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end('{"errors":[{"code":"DISK_ON_FIRE","message":"internal"}]}');
  });
  [hanging, hangingUrl] = await listen(() => undefined);
});
afterAll(() => {
  for (const s of [failing, hanging]) {
    s?.closeAllConnections();
    s?.close();
  }
});

describe('tenantctl', () => {
  it('--help documents commands and exit codes (exit 0); --version prints the version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes:\n {2}0 {4}success\n {2}1 {4}.*\n {2}2 {4}.*\n {2}3 {4}.*\n {2}4 {4}.*\n {2}5 {4}drift.*\n {2}130 {2}interrupted/,
    );
    expect(help.stdout).toContain('get [options]');
    const version = await runCli(['--version']);
    // The CLI's version, and the version of the spec it was built from (not restated: read from both).
    const { version: cliVersion } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    );
    const spec = readFileSync(new URL('../../../openapi/tenant.yaml', import.meta.url), 'utf8');
    const specVersion = /\n {2}version: (\S+)\n/.exec(spec)?.[1];
    expect(version).toMatchObject({
      code: 0,
      stdout: `tenantctl ${cliVersion} (spec: PBX Tenant API ${specVersion})\n`,
    });
  });

  it.each([[[]], [['get']], [['set']], [['apply']], [['explain']], [['auth', 'login']], [['config', 'set']]])(
    '%j --help fits 80 columns, every description in one column',
    async (command) => {
      const { stdout } = await runCli([...command, '--help'], { env: { COLUMNS: '80' } });
      const lines = stdout.split('\n');
      expect(lines.filter((line) => [...line].length > 80)).toEqual([]);
      // In the Options and Commands sections (commander's own), descriptions start at the same column.
      const sections = stdout.split('\nConnection (')[0]?.split('\n') ?? [];
      const starts = new Set(
        sections
          .filter((line) => /^ {2}-|^ {2}[a-z]/.test(line) && / {2,}\S/.test(line.trim()))
          .map((line) => line.search(/(?<=\S) {2,}\S/) + (/(?<=\S) {2,}/.exec(line)?.[0].length ?? 0)),
      );
      expect(starts.size).toBeLessThanOrEqual(1);
    },
  );

  it('fits get to COLUMNS=80: long values wrap inside the value column', async () => {
    await context.server.store.mergeSettings(context.server.tenant.id, {
      website: `https://www.example.com/${'a-long-path-segment/'.repeat(6)}`,
      custom_options: JSON.stringify({ theme: 'dark', locale: 'de-DE', features: ['recording', 'billing'] }),
    });
    const { code, stdout } = await runCli(['get'], { env: { ...context.env, COLUMNS: '80' } });
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((line) => [...line].length > 80)).toEqual([]);
    expect(stdout).toMatch(/\n {2}custom_options +\{\n +"theme": "dark",\n/);
  });

  it('reads and writes the tenant: get -o json equals what is stored; set takes a secret from stdin', async () => {
    const got = await runCli(['get', '-o', 'json'], { env: context.env });
    expect(got).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(got.stdout)).toEqual(await context.server.stored());
    const set = await runCli(['set', 'stir_shaken_key=@-', 'log_retention=42'], {
      env: context.env,
      stdin: '-----BEGIN PRIVATE KEY-----\nE2E\n-----END PRIVATE KEY-----\n',
    });
    expect(set).toEqual({
      code: 0,
      stdout: '~ stir_shaken_key  — → <redacted>\n~ log_retention    180 → 42\n',
      stderr: 'Updated 2 field(s).\n',
    });
    expect(await context.server.stored()).toMatchObject({
      log_retention: 42,
      stir_shaken_key: expect.stringContaining('E2E'),
    });
  });

  it('2 for a usage mistake, saying how to get help', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("error: unknown command 'frobnicate'");
    expect(unknown.stderr).toContain('(run tenantctl --help for usage)');
    const token = await runCli(['get', '--token', 'tok'], { env: { TENANTCTL_URL: context.server.url } });
    expect(token.code).toBe(2);
    expect(token.stderr).toContain("unknown option '--token'");
  });

  it('2 for invalid settings, nothing sent', async () => {
    context.server.requests.length = 0;
    const result = await runCli(['set', 'recording_retention=0'], { env: context.env });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'tenantctl: invalid settings, nothing was sent:\n  - recording_retention: must be >= 1\n',
    });
    expect(context.server.requests).toEqual([]);
  });

  it('3 for a missing token, saying where a token can come from', async () => {
    const result = await runCli(['get'], { env: { TENANTCTL_URL: context.server.url } });
    expect(result).toMatchObject({
      code: 3,
      stderr:
        'tenantctl: no token: run tenantctl auth login, set TENANTCTL_TOKEN, or pass --token-file FILE or --token-stdin\n',
    });
  });

  it('3 for a rejected token: one message, naming where the token came from, never the token', async () => {
    const env = { TENANTCTL_URL: context.server.url, TENANTCTL_TOKEN: 'tnt_rejected-canary' };
    const fromEnv = await runCli(['get'], { env });
    expect(fromEnv).toEqual({
      code: 3,
      stdout: '',
      stderr:
        'tenantctl: 401: the server rejected the token from TENANTCTL_TOKEN (A valid bearer token is required.); check that token, or run tenantctl config set\n',
    });
    const file = join(configHome, 'wrong-token');
    writeFileSync(file, 'tnt_rejected-canary\n');
    const fromFile = await runCli(['get', '--token-file', file], {
      env: { TENANTCTL_URL: context.server.url },
    });
    expect(fromFile.code).toBe(3);
    expect(fromFile.stderr).toContain(`the token from --token-file ${file} (`);
    expect(fromEnv.stderr + fromFile.stderr).not.toContain('rejected-canary');
  });

  it('4 for an unreachable server, and for one that does not answer in time', async () => {
    const unreachable = await runCli(['get'], {
      env: { TENANTCTL_URL: `http://127.0.0.1:${await freePort()}/api`, TENANTCTL_TOKEN: 't' },
    });
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toMatch(
      /^tenantctl: cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/tenant: could not reach the server \(.*ECONNREFUSED.*\) — is the server running\? check --url or TENANTCTL_URL\n$/,
    );
    const slow = await runCli(['get', '--timeout', '0.5'], {
      env: { TENANTCTL_URL: hangingUrl, TENANTCTL_TOKEN: 't' },
    });
    expect(slow).toMatchObject({
      code: 4,
      stderr: `tenantctl: ${hangingUrl}/tenant did not answer in time (no answer within 500 ms) — try again, or raise --timeout\n`,
    });
  });

  it('1 for a server that fails: the message names the URL requested; a stack trace only with --verbose', async () => {
    const env = { TENANTCTL_URL: failingUrl, TENANTCTL_TOKEN: 'secret-token-canary' };
    const plain = await runCli(['get'], { env });
    expect(plain).toEqual({
      code: 1,
      stdout: '',
      stderr: `tenantctl: 500: the server answered with an error: internal (GET ${failingUrl}/tenant)\n`,
    });
    const verbose = await runCli(['--verbose', 'get'], { env });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    expect(verbose.stderr + plain.stderr).not.toContain('secret-token-canary');
  });

  it('takes the profile from the config file it wrote with mode 0600; the environment beats it, --url beats both', async () => {
    const set = await runCli(['config', 'set', '--url', 'http://127.0.0.1:9/api', '--token-stdin'], {
      stdin: context.server.tenant.token,
    });
    expect(set.code).toBe(0);
    expect(statSync(join(configHome, 'tenantctl', 'config.json')).mode & 0o777).toBe(0o600);
    expect(
      (await runCli(['get', '--field', 'name'], { env: { TENANTCTL_URL: context.server.url } })).stdout,
    ).toBe('E2E Tenant\n');
    const flagged = await runCli(['get', '--url', context.server.url, '--field', 'name'], {
      env: { TENANTCTL_URL: 'http://127.0.0.1:9/api' },
    });
    expect(flagged.stdout).toBe('E2E Tenant\n');
    expect((await runCli(['get'])).code).toBe(4); // the profile's own URL, which nothing serves
  });

  it('two applies racing from the same state: one wins, the other fails with a conflict, nothing overwritten', async () => {
    const proxy = await startHoldingProxy(context.server.url, 2);
    try {
      const raceEnv = { ...context.env, TENANTCTL_URL: proxy.url };
      const [first, second] = await Promise.all([
        runCli(['apply', '-f', '-'], { env: raceEnv, stdin: 'name: Written by A\n' }),
        runCli(['apply', '-f', '-'], { env: raceEnv, stdin: 'name: Written by B\n' }),
      ]);
      const results = [first, second].sort((x, y) => (x.code ?? 0) - (y.code ?? 0));
      expect(results.map((r) => r.code)).toEqual([0, 1]);
      expect(results[1]?.stderr).toBe(
        'tenantctl: conflict: the tenant was changed by someone else since it was read; nothing was changed. Run the command again to see the new state.\n',
      );
      const winner = results[0] === first ? 'Written by A' : 'Written by B';
      expect((await context.server.stored()).name).toBe(winner);
    } finally {
      await proxy.close();
    }
  });

  it('ends quietly when its reader stops early (EPIPE)', () => {
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${binary}" explain | head -n 1`], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^id +string +read-only/);
    expect(result.stderr).toBe('');
  });
});

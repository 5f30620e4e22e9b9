// Tier 3: `tenantctl auth login` at a real pseudo-terminal (util-linux `script` gives the binary one),
// answering its questions as a person would; the password must not be echoed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createUser, latestCode } from '@tenantctl/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useReferenceServer } from '../support/reference-server.js';
import { configHome, runCli, startCli } from '../support/run-cli.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
// In CI the terminal test must run: no pseudo-terminal there is a failure, not a skip.
const describeWithPty = hasScript || process.env.CI ? describe : describe.skip;
if (!hasScript && !process.env.CI)
  console.warn('skipping the terminal test: util-linux `script` is not installed');

const context = useReferenceServer({ tenants: ['Terminal Tenant'] });
const password = 'typed-at-a-terminal-91';

/** The argv run inside a pseudo-terminal: `script` runs one shell command, so each part is quoted. */
const inPty = (argv: string[]) => [
  'script',
  '--quiet',
  '--return',
  '--command',
  argv.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' '),
  '/dev/null',
];

beforeAll(async () => {
  const tenantId = context.server.tenant.id;
  await createUser(context.server.store, { tenantId, username: 'carol', password });
  await createUser(context.server.store, {
    tenantId,
    username: 'dave',
    password,
    twoFactor: true,
    email: 'dave@example.com',
  });
});

describeWithPty('tenantctl auth login at a terminal', () => {
  it('asks for the URL, the user name and the password (not echoed), then works', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, 'terminal-1.json'), TERM: 'dumb' };
    const login = startCli(['auth', 'login'], { env, wrap: inPty });
    await login.waitFor('URL of the PBX API (e.g. https://pbx.example.com/api): ');
    login.write(`${context.server.url}\r`);
    await login.waitFor('User name: ');
    login.write('carol\r');
    await login.waitFor('Password: ');
    login.write(`${password}\r`);
    const result = await login.done;
    expect(result.code).toBe(0);
    // What the terminal showed: the answers typed, except the password.
    expect(result.stdout.replaceAll('\r\n', '\n')).toBe(
      `URL of the PBX API (e.g. https://pbx.example.com/api): ${context.server.url}\nUser name: carol\nPassword: \nSigned in to ${context.server.url} as carol (profile "default").\n`,
    );
    expect(result.stdout).not.toContain(password);
    expect(await runCli(['get', '--field', 'name'], { env })).toMatchObject({
      code: 0,
      stdout: 'Terminal Tenant\n',
    });
  });

  it('asks for the one-time code once it was mailed', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, 'terminal-2.json'), TERM: 'dumb' };
    const login = startCli(['login', '--url', context.server.url, '--username', 'dave'], {
      env,
      wrap: inPty,
    });
    await login.waitFor('Password: ');
    login.write(`${password}\r`);
    await login.waitFor('One-time code: ');
    expect(login.output).toContain('A one-time code was mailed to dave.');
    login.write(`${await latestCode(context.server.mailDir, 'dave')}\r`);
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Signed in to');
    expect(result.stdout).not.toContain(password);
  });

  it('cancels at Ctrl-C without sending the password', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, 'terminal-3.json'), TERM: 'dumb' };
    const login = startCli(['login', '--url', context.server.url, '--username', 'carol'], {
      env,
      wrap: inPty,
    });
    await login.waitFor('Password: ');
    context.server.requests.length = 0;
    login.write('half-typed\u0003');
    const result = await login.done;
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('tenantctl: cancelled: nothing was sent');
    expect(context.server.requests).toEqual([]);
  });
});

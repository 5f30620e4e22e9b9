// Tier 3: signing in with the built binary against the real reference server, whose access tokens live
// two seconds: the session outlives them, two processes refresh it at once without losing it, a second
// factor is completed with the code from the mail folder, and no secret shows anywhere.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser, latestCode, secretsShownIn } from '@tenantctl/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { useReferenceServer } from '../support/reference-server.js';
import { type CliResult, configHome, runCli, startCli } from '../support/run-cli.js';

// Long enough that two CLI runs on a loaded machine fit inside one token's life (at 2 s, `auth token`
// then a fetch could straddle the expiry); short enough to wait out.
const TTL_SECONDS = 5;
const context = useReferenceServer({
  tenants: ['Sign-in Tenant'],
  auth: { policy: { accessTokenTtl: TTL_SECONDS } },
});
const password = 'pw-7f3c-never-shown';
const secrets = new Set<string>([password]);
const outputs: CliResult[] = [];
let n = 0;

/** A config file of its own per test; `url` for commands that need no flag. */
function cli() {
  const env = { TENANTCTL_CONFIG: join(configHome, `sign-in-${++n}.json`) };
  const run = async (args: string[], stdin?: string) => {
    const result = await runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });
    outputs.push(result);
    return result;
  };
  const session = () => {
    const config = JSON.parse(readFileSync(env.TENANTCTL_CONFIG, 'utf8'));
    const stored = config.profiles.default.session as { accessToken: string; refreshToken: string };
    secrets.add(stored.accessToken).add(stored.refreshToken);
    return stored;
  };
  return { env, run, session };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const refreshes = () => context.server.requests.filter((r) => r === 'POST /api/auth/refresh_token').length;

beforeAll(async () => {
  const tenantId = context.server.tenant.id;
  await createUser(context.server.store, { tenantId, username: 'alice', password });
  await createUser(context.server.store, {
    tenantId,
    username: 'bob',
    password,
    twoFactor: true,
    email: 'bob@example.com',
  });
});

describe('tenantctl auth against the reference server', () => {
  it('signs in with --password-stdin; get keeps working after the access token expired', async () => {
    const { run, session } = cli();
    const login = await run(
      ['auth', 'login', '--url', context.server.url, '--username', 'alice', '--password-stdin'],
      `${password}\n`,
    );
    expect(login).toEqual({
      code: 0,
      stdout: '',
      stderr: `Signed in to ${context.server.url} as alice (profile "default").\n`,
    });
    const first = session();
    expect(await run(['get', '--field', 'name'])).toMatchObject({ code: 0, stdout: 'Sign-in Tenant\n' });
    await sleep((TTL_SECONDS + 0.5) * 1000);
    // The stored access token is dead now: the server says so.
    const dead = await fetch(`${context.server.url}/tenant`, {
      headers: { Authorization: `Bearer ${first.accessToken}` },
    });
    expect(dead.status).toBe(401);
    expect(await run(['get', '--field', 'name'])).toMatchObject({ code: 0, stdout: 'Sign-in Tenant\n' });
    const second = session();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const status = await run(['auth', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      /^profile: default\nurl: .*\nuser: alice\nrole: admin\naccess token expires: /,
    );

    const token = await run(['auth', 'token']);
    expect(token.code).toBe(0);
    const printed = token.stdout.trim();
    secrets.add(printed);
    const works = await fetch(`${context.server.url}/tenant`, {
      headers: { Authorization: `Bearer ${printed}` },
    });
    expect(works.status).toBe(200);

    expect(await run(['logout'])).toMatchObject({
      code: 0,
      stderr: expect.stringMatching(/^Signed out of /),
    });
    expect(await run(['auth', 'status'])).toMatchObject({ code: 3 });
    const after = await run(['get']);
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('run tenantctl auth login');
  });

  it('refuses a wrong password with exit code 3, saying to sign in again', async () => {
    const { run } = cli();
    const result = await run(
      ['login', '--url', context.server.url, '--username', 'alice', '--password-stdin'],
      'wrong-password\n',
    );
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: 'tenantctl: 401: the user name or the password is not right: run tenantctl auth login\n',
    });
  });

  it('two processes refreshing the same session at once both succeed, and the session lives on', async () => {
    const { run } = cli();
    await run(
      ['auth', 'login', '--url', context.server.url, '--username', 'alice', '--password-stdin'],
      `${password}\n`,
    );
    await sleep((TTL_SECONDS + 0.5) * 1000);
    const before = refreshes();
    const both = await Promise.all([run(['get', '--field', 'name']), run(['get', '--field', 'name'])]);
    expect(both.map((r) => [r.code, r.stdout, r.stderr])).toEqual([
      [0, 'Sign-in Tenant\n', ''],
      [0, 'Sign-in Tenant\n', ''],
    ]);
    // One spent the refresh token; the other found the new tokens after taking the lock.
    expect(refreshes() - before).toBe(1);
    expect(await run(['get', '--field', 'name'])).toMatchObject({ code: 0 });
  });

  it('completes a second factor, reading the code from stdin only after it was mailed', async () => {
    const { env } = cli();
    const login = startCli(
      ['auth', 'login', '--url', context.server.url, '--username', 'bob', '--password-stdin'],
      { env },
    );
    login.write(`${password}\n`);
    await login.waitFor('reading it from the next line of standard input');
    const code = await latestCode(context.server.mailDir, 'bob');
    expect(code).toMatch(/^\d{6}$/);
    secrets.add(code ?? '');
    login.write(`${code}\n`, true);
    const result = await login.done;
    outputs.push(result);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr).toBe(
      `A one-time code was mailed to bob; reading it from the next line of standard input.\nSigned in to ${context.server.url} as bob (profile "default").\n`,
    );
    expect((await runCli(['get', '--field', 'name'], { env })).stdout).toBe('Sign-in Tenant\n');
  });

  it('never showed a password, code or token, in any output or server log line', () => {
    const everything = [
      ...outputs.filter((o) => !o.stdout.startsWith('tat_')).flatMap((o) => [o.stdout, o.stderr]),
      ...context.server.logs,
    ].join('\n');
    expect(secrets.size).toBeGreaterThan(5);
    expect(secretsShownIn(everything, secrets)).toEqual([]);
  });
});

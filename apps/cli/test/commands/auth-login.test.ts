// Tier 2: `auth login` run in-process against the real reference server, answering on "standard input"
// or at a scripted terminal; what the profile keeps afterwards, read from the config file itself.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser, latestCode } from '@tenantctl/server/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/auth-login.js';
import { run as get } from '../../src/commands/get.js';
import type { AuthLoginOptions } from '../../src/program.js';
import { type Answer, harness, scratch } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer({ tenants: ['Login Tenant', 'Other Tenant'] });
const password = 'pw with spaces & ünïcode';
let configFile: string;
let n = 0;

beforeAll(async () => {
  const [first, second] = context.server.tenants;
  const store = context.server.store;
  await createUser(store, { tenantId: first?.id ?? '', username: 'alice', password });
  await createUser(store, {
    tenantId: first?.id ?? '',
    username: 'bob',
    password,
    twoFactor: true,
    email: 'bob@example.com',
  });
  // The same name and password in two tenants: only the domain tells them apart.
  await createUser(store, { tenantId: first?.id ?? '', username: 'twin', password });
  await createUser(store, { tenantId: second?.id ?? '', username: 'twin', password });
});
beforeEach(() => {
  configFile = join(scratch, `login-${++n}.json`);
  context.server.requests.length = 0;
});

function login(
  options: Partial<AuthLoginOptions>,
  io: { stdin?: string; answers?: Answer[]; env?: Record<string, string> } = {},
) {
  const h = harness({ ...io, env: { TENANTCTL_CONFIG: configFile, ...io.env } });
  return { h, done: run({ url: context.server.url, ...options }, h.deps) };
}

const profile = () =>
  (JSON.parse(readFileSync(configFile, 'utf8')) as { profiles: Record<string, Record<string, unknown>> })
    .profiles.default;

describe('auth login', () => {
  it('signs in with --password-stdin and keeps the session, never the password, in a 0600 file', async () => {
    const { h, done } = login({ username: 'alice', passwordStdin: true }, { stdin: `${password}\n` });
    expect(await done).toBe(0);
    expect(h.stderr).toBe(`Signed in to ${context.server.url} as alice (profile "default").\n`);
    expect(h.stdout).toBe('');
    const stored = profile();
    expect(stored?.url).toBe(context.server.url);
    expect(stored?.session).toMatchObject({
      flow: 'current',
      username: 'alice',
      accessToken: expect.stringMatching(/^tat_/),
      refreshToken: expect.stringMatching(/^trt_/),
    });
    expect(readFileSync(configFile, 'utf8')).not.toContain('ünïcode');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);

    // Every other command now uses the session.
    const reader = harness({ env: { TENANTCTL_CONFIG: configFile } });
    expect(await get({ output: 'table', field: ['name'] }, reader.deps)).toBe(0);
    expect(reader.stdout).toBe('Login Tenant\n');
  });

  it('asks at a terminal for what is missing: the user name with echo, the password without', async () => {
    const { h, done } = login({ url: undefined }, { answers: [context.server.url, 'alice', password] });
    expect(await done).toBe(0);
    expect(h.stderr).toContain('URL of the PBX API (e.g. https://pbx.example.com/api): ');
    expect(h.stderr).toContain('User name: alice\n');
    expect(h.stderr).toContain('Password: \n');
    expect(h.stderr).not.toContain(password);
    // The next time, the user name is offered.
    const again = login({}, { answers: ['', password] });
    expect(await again.done).toBe(0);
    expect(again.h.stderr).toContain('User name [alice]: \n');
  });

  it('completes a second factor at the terminal with the code that was mailed', async () => {
    const { h, done } = login(
      { username: 'bob' },
      { answers: [password, async () => (await latestCode(context.server.mailDir, 'bob')) ?? 'none'] },
    );
    expect(await done).toBe(0);
    expect(h.stderr).toContain('A one-time code was mailed to bob.\nOne-time code: ');
    expect(context.server.requests).toEqual([
      'POST /api/auth/sign_in',
      'POST /api/auth/send_otp',
      'POST /api/auth/verify_otp',
    ]);
  });

  it('reads the code from the line after the password with --password-stdin', async () => {
    const mailDir = context.server.mailDir;
    // The harness hands out the lines as they are asked for; the code is the one mailed just before.
    const h = harness({ env: { TENANTCTL_CONFIG: configFile } });
    const lines = [password];
    h.deps.io.readLine = async () => lines.shift() ?? (await latestCode(mailDir, 'bob'));
    expect(await run({ url: context.server.url, username: 'bob', passwordStdin: true }, h.deps)).toBe(0);
    expect(h.stderr).toContain(
      'A one-time code was mailed to bob; reading it from the next line of standard input.',
    );
  });

  it('refuses a wrong password with the sign-in error, and keeps the profile as it was', async () => {
    writeFileSync(
      configFile,
      JSON.stringify({ profiles: { default: { url: 'http://elsewhere.test/api' } } }),
    );
    const { done } = login({ username: 'alice', passwordStdin: true }, { stdin: 'wrong\n' });
    await expect(done).rejects.toMatchObject({ kind: 'sign-in', reason: 'credentials', status: 401 });
    expect(profile()).toEqual({ url: 'http://elsewhere.test/api' });
  });

  it('never takes a password from anywhere but a terminal or standard input', async () => {
    const { done } = login({ username: 'alice' });
    await expect(done).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^no password: .*--password-stdin .*\(never as an argument\)$/),
    });
    const empty = login({ username: 'alice', passwordStdin: true }, { stdin: '' });
    await expect(empty.done).rejects.toMatchObject({
      exitCode: 2,
      message: '--password-stdin: no password on the first line of standard input',
    });
    expect(context.server.requests).toEqual([]);
  });

  it('asks for --domain when the user name is in several tenants', async () => {
    const { done } = login({ username: 'twin', passwordStdin: true }, { stdin: `${password}\n` });
    await expect(done).rejects.toMatchObject({
      exitCode: 2,
      message: "the user name twin is used in more than one tenant: pass --domain (the tenant's SIP domain)",
    });
  });

  it('names a bad field before sending anything', async () => {
    const { done } = login({ username: 'x'.repeat(65), passwordStdin: true }, { stdin: `${password}\n` });
    await expect(done).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('username: must be at most 64 characters long'),
    });
    const url = login(
      { url: 'ftp://pbx.test/api', username: 'alice', passwordStdin: true },
      { stdin: 'x\n' },
    );
    await expect(url.done).rejects.toMatchObject({
      exitCode: 2,
      message: 'the URL must start with https:// (or http://), not ftp://',
    });
    expect(context.server.requests).toEqual([]);
  });

  it('replaces a stored token, saying so, and notes that TENANTCTL_TOKEN would still win', async () => {
    writeFileSync(
      configFile,
      JSON.stringify({ profiles: { default: { url: context.server.url, token: 'old-token' } } }),
    );
    const { h, done } = login(
      { username: 'alice', passwordStdin: true },
      { stdin: `${password}\n`, env: { TENANTCTL_TOKEN: 'env-token' } },
    );
    expect(await done).toBe(0);
    expect(profile()?.token).toBeUndefined();
    expect(h.stderr).toContain('The profile no longer uses the stored token.');
    expect(h.stderr).toContain('Note: TENANTCTL_TOKEN is set and wins over the session');
  });

  it('ends the session it replaces', async () => {
    await login({ username: 'alice', passwordStdin: true }, { stdin: `${password}\n` }).done;
    const first = profile()?.session as { accessToken: string };
    await login({ username: 'alice', passwordStdin: true }, { stdin: `${password}\n` }).done;
    expect(context.server.requests.at(-1)).toBe('POST /api/auth/sign_out');
    const response = await fetch(`${context.server.url}/tenant`, {
      headers: { Authorization: `Bearer ${first.accessToken}` },
    });
    expect(response.status).toBe(401);
  });
});

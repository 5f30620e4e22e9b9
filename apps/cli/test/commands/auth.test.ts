// Tier 2: `auth status | token | logout` and the session as every command uses it, in-process against
// the real reference server. Time passing is played by editing the stored expiry, as a day would.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '@tenantctl/server/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeExpiry, logout, status, token } from '../../src/commands/auth.js';
import { run as login } from '../../src/commands/auth-login.js';
import { run as get } from '../../src/commands/get.js';
import { harness, scratch } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer({ tenants: ['Session Tenant'] });
const password = 'correct horse battery staple';
let configFile: string;
let n = 0;

interface StoredProfile {
  url?: string;
  session?: { accessToken: string; refreshToken: string; expiresAt: number; issuedAt: number };
}
const readProfile = () =>
  (JSON.parse(readFileSync(configFile, 'utf8')) as { profiles: Record<string, StoredProfile> }).profiles
    .default;
/** Moves the stored session's expiry, as time passing would. */
function expireStoredSession() {
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.profiles.default.session.expiresAt = Date.now() - 1000;
  writeFileSync(configFile, JSON.stringify(config));
}

const io = (env: Record<string, string> = {}) => harness({ env: { TENANTCTL_CONFIG: configFile, ...env } });

beforeAll(async () => {
  await createUser(context.server.store, { tenantId: context.server.tenant.id, username: 'alice', password });
});
beforeEach(async () => {
  configFile = join(scratch, `session-${++n}.json`);
  const h = harness({ env: { TENANTCTL_CONFIG: configFile }, stdin: `${password}\n` });
  await login({ url: context.server.url, username: 'alice', passwordStdin: true }, h.deps);
  context.server.requests.length = 0;
});

describe('auth status', () => {
  it('says who is signed in where, the role from /auth/user, and the expiry', async () => {
    const h = io();
    expect(await status({}, h.deps)).toBe(0);
    expect(h.stdout).toMatch(
      new RegExp(
        `^profile: default\\nurl: ${context.server.url}\\nuser: alice\\nrole: admin\\naccess token expires: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(in 30 min\\)\\nflow: /auth/sign_in \\(renewed automatically\\)\\n$`,
      ),
    );
    expect(context.server.requests).toEqual(['GET /api/auth/user']);
  });

  it('exits 3 when signed out, saying how to sign in', async () => {
    const h = io({ TENANTCTL_PROFILE: 'lab' });
    expect(await status({}, h.deps)).toBe(3);
    expect(h.stderr).toBe('Not signed in (profile "lab"): run tenantctl auth login --profile lab\n');
  });

  it('says when TENANTCTL_TOKEN wins over the session', async () => {
    const h = io({ TENANTCTL_TOKEN: context.server.tenant.token });
    expect(await status({}, h.deps)).toBe(0);
    expect(h.stdout).toBe(
      `url: ${context.server.url}\ntoken: from TENANTCTL_TOKEN (it wins over a stored session)\n`,
    );
  });

  it('fails with exit code 3 material when the session ended on the server', async () => {
    const stored = readProfile()?.session;
    // Spending the refresh token behind the CLI's back, twice: reuse ends the session.
    for (let i = 0; i < 2; i++) {
      await fetch(`${context.server.url}/auth/refresh_token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: stored?.refreshToken }),
      });
    }
    await expect(status({}, io().deps)).rejects.toMatchObject({ kind: 'sign-in', reason: 'session-ended' });
  });
});

describe('describeExpiry', () => {
  const now = Date.UTC(2026, 10, 30, 12, 0, 0);
  it('says the time in UTC and how far off it is', () => {
    expect(describeExpiry(now + 29.6 * 60_000, true, now)).toBe('2026-11-30 12:29:36 UTC (in 30 min)');
    expect(describeExpiry(now + 45_000, true, now)).toBe('2026-11-30 12:00:45 UTC (in 45 s)');
    expect(describeExpiry(now - 1, true, now)).toBe(
      '2026-11-30 11:59:59 UTC (expired: renewed at the next use)',
    );
    expect(describeExpiry(now - 1, false, now)).toBe('2026-11-30 11:59:59 UTC (expired)');
  });
});

describe('auth token', () => {
  it('prints the access token in use', async () => {
    const h = io();
    expect(await token({}, h.deps)).toBe(0);
    expect(h.stdout).toBe(`${readProfile()?.session?.accessToken}\n`);
    expect(context.server.requests).toEqual([]);
  });

  it('refreshes first when the token is about to expire, and saves the rotated tokens', async () => {
    const before = readProfile()?.session;
    expireStoredSession();
    const h = io();
    expect(await token({}, h.deps)).toBe(0);
    const after = readProfile()?.session;
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(h.stdout).toBe(`${after?.accessToken}\n`);
    expect(context.server.requests).toEqual(['POST /api/auth/refresh_token']);
    const works = await fetch(`${context.server.url}/tenant`, {
      headers: { Authorization: `Bearer ${after?.accessToken}` },
    });
    expect(works.status).toBe(200);
  });

  it('exits 3 when there is nothing to print', async () => {
    const h = io({ TENANTCTL_PROFILE: 'none' });
    expect(await token({}, h.deps)).toBe(3);
    expect(h.stdout).toBe('');
  });
});

describe('the session in other commands', () => {
  it('is refreshed when it has expired, once for commands running at the same time', async () => {
    expireStoredSession();
    const runs = Array.from({ length: 4 }, () => io());
    const codes = await Promise.all(runs.map((h) => get({ output: 'table', field: ['name'] }, h.deps)));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(runs.map((h) => h.stdout)).toEqual(Array(4).fill('Session Tenant\n'));
    expect(context.server.requests.filter((r) => r === 'POST /api/auth/refresh_token')).toHaveLength(1);
    expect(readProfile()?.session?.expiresAt).toBeGreaterThan(Date.now());
  });

  it('goes only to the URL it was signed in at', async () => {
    const h = io({ TENANTCTL_URL: 'http://127.0.0.1:9/api' });
    await expect(get({ output: 'table' }, h.deps)).rejects.toMatchObject({
      exitCode: 3,
      message: `no token (the session of profile "default" is for ${context.server.url}, not http://127.0.0.1:9/api): run tenantctl auth login, set TENANTCTL_TOKEN, or pass --token-file FILE or --token-stdin`,
    });
  });
});

describe('auth logout', () => {
  it('signs out on the server and forgets the tokens, keeping the URL', async () => {
    const { accessToken } = readProfile()?.session ?? { accessToken: '' };
    const h = io();
    expect(await logout({}, h.deps)).toBe(0);
    expect(h.stderr).toBe(`Signed out of ${context.server.url} (profile "default").\n`);
    expect(readProfile()).toEqual({ url: context.server.url });
    expect(context.server.requests).toEqual(['POST /api/auth/sign_out']);
    const refused = await fetch(`${context.server.url}/tenant`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(refused.status).toBe(401);
    expect(await status({}, io().deps)).toBe(3);
  });

  it('has nothing to do when signed out', async () => {
    await logout({}, io().deps);
    const h = io();
    expect(await logout({}, h.deps)).toBe(0);
    expect(h.stderr).toBe('Not signed in (profile "default"); nothing to do.\n');
  });

  it('forgets the tokens even when the server cannot be reached, and says so', async () => {
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    // A port nothing listens on, on this machine.
    const { freePort } = await import('@tenantctl/mock');
    const port = await freePort();
    config.profiles.default.url = `http://127.0.0.1:${port}/api`;
    writeFileSync(configFile, JSON.stringify(config));
    const h = io();
    await expect(logout({}, h.deps)).rejects.toMatchObject({ kind: 'network' });
    expect(h.stderr).toContain(
      'Removed the session from profile "default", but could not end it on the server:',
    );
    expect(readProfile()?.session).toBeUndefined();
  });
});

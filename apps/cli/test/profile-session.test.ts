// A profile's session against the real reference server: refreshed and saved under the lock, and
// adopting tokens another process saved meanwhile instead of spending the refresh token again.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type StoredSession, signIn } from '@tenantctl/client/session';
import { createUser } from '@tenantctl/server/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configLockPath, readConfig, writeConfig } from '../src/config-file.js';
import { openProfileSession, readStoredSession, storeSession } from '../src/profile-session.js';
import { scratch } from './support/harness.js';
import { useReferenceServer } from './support/reference-server.js';

const context = useReferenceServer({ tenants: ['Profile Tenant'] });
const password = 'correct horse battery staple';
let configPath: string;
let n = 0;

const fresh = async () =>
  (await signIn({ baseUrl: context.server.url, username: 'alice', password })).current;
const expired = (session: StoredSession): StoredSession => ({ ...session, expiresAt: Date.now() - 1 });
const refreshes = () => context.server.requests.filter((r) => r === 'POST /api/auth/refresh_token').length;

beforeAll(async () => {
  await createUser(context.server.store, { tenantId: context.server.tenant.id, username: 'alice', password });
});
beforeEach(() => {
  configPath = join(scratch, `profile-session-${++n}.json`);
  context.server.requests.length = 0;
});

describe('a profile session', () => {
  it('refreshes an expired session and saves the rotated tokens, releasing the lock', async () => {
    const stored = expired(await fresh());
    await writeConfig(configPath, { profiles: { work: { url: context.server.url, session: stored } } });
    const ref = { configPath, profileName: 'work', url: context.server.url, stored };
    const session = await openProfileSession(ref, {});
    const token = await session.getToken({ refresh: false });
    expect(token).not.toBe(stored.accessToken);
    const saved = await readStoredSession(configPath, 'work', context.server.url);
    expect(saved?.accessToken).toBe(token);
    expect(saved?.refreshToken).not.toBe(stored.refreshToken);
    expect(existsSync(configLockPath(configPath))).toBe(false);
    expect(refreshes()).toBe(1);
  });

  it('takes what another process saved after its refresh, sending no refresh of its own', async () => {
    const stored = expired(await fresh());
    await writeConfig(configPath, { profiles: { default: { url: context.server.url, session: stored } } });
    const ref = { configPath, profileName: 'default', url: context.server.url, stored };
    const first = await openProfileSession(ref, {});
    const second = await openProfileSession(ref, {}); // read the same, now stale, tokens
    const token = await first.getToken({ refresh: false });
    expect(await second.getToken({ refresh: false })).toBe(token);
    expect(refreshes()).toBe(1);
  });

  it('reads a stored session only for its own URL, and stores or removes it keeping the rest', async () => {
    const session = await fresh();
    await writeConfig(configPath, { profiles: { default: { url: context.server.url, tokenFile: '/t' } } });
    const ref = { configPath, profileName: 'default', url: context.server.url };
    await storeSession(ref, session);
    expect(await readStoredSession(configPath, 'default', context.server.url)).toEqual(session);
    expect(await readStoredSession(configPath, 'default', 'http://other/api')).toBeUndefined();
    expect(await readStoredSession(configPath, 'missing', context.server.url)).toBeUndefined();
    await storeSession(ref, undefined);
    expect((await readConfig(configPath)).profiles.default).toEqual({
      url: context.server.url,
      tokenFile: '/t',
    });
    expect(readFileSync(configPath, 'utf8')).not.toContain(session.accessToken);
  });
});

// A session keeping itself alive against the real reference server: refresh before expiry and after
// a 401, one refresh for many waiting requests, rotation across processes, ended sessions, sign-out.
// The server and the session share a clock the test moves, so no test waits for a token to expire.
import { createUser, startTestServer, type TestServer } from '@tenantctl/server/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTenantClient, TenantAuthError, TenantSignInError } from '../../src/index.js';
import { resumeSession, type StoredSession, signIn } from '../../src/session/index.js';

const password = 'correct horse battery staple';
const ttlSeconds = 600;

describe('a session', () => {
  let server: TestServer;
  let clock = Date.now();
  const now = () => clock;
  const count = (request: string) => server.requests.filter((r) => r === request).length;

  const tenantDomain = 'alice.pbx.test';
  beforeAll(async () => {
    server = await startTestServer({ auth: { now, policy: { accessTokenTtl: ttlSeconds } } });
    await createUser(server.store, { tenantId: server.tenant.id, username: 'alice', password });
    await server.store.mergeSettings(server.tenant.id, { domain: tenantDomain });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const start = (options: { onTokens?: (s: StoredSession) => void } = {}) =>
    signIn({ baseUrl: server.url, username: 'alice', password, now, ...options });
  const clientOf = (getToken: Parameters<typeof createTenantClient>[0]['getToken']) =>
    createTenantClient({ baseUrl: server.url, getToken: getToken ?? (() => ''), retry: false });

  it('uses the access token as it is while it is fresh', async () => {
    const session = await start();
    const client = clientOf(session.getToken);
    clock += (ttlSeconds - 200) * 1000;
    await client.getTenant();
    expect(count('POST /api/auth/refresh_token')).toBe(0);
  });

  it('refreshes shortly before expiry, keeping the newest refresh token and reporting it', async () => {
    const onTokens = vi.fn();
    const session = await start({ onTokens });
    const first = session.current;
    clock += (ttlSeconds - 30) * 1000; // within the 60 s margin
    await clientOf(session.getToken).getTenant();
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    expect(session.current.accessToken).not.toBe(first.accessToken);
    expect(session.current.refreshToken).not.toBe(first.refreshToken);
    expect(session.current.expiresAt).toBe(clock + ttlSeconds * 1000);
    expect(onTokens).toHaveBeenLastCalledWith(session.current);
    expect(onTokens).toHaveBeenCalledTimes(2); // sign-in, refresh
  });

  it('refreshes after a 401 and replays the request', async () => {
    const session = await start();
    // The session believes its token has hours left; the server's clock says it expired.
    const resumed = resumeSession(
      { ...session.current, expiresAt: clock + 3600_000 * 24 },
      { baseUrl: server.url, now },
    );
    clock += (ttlSeconds + 1) * 1000;
    server.requests.length = 0;
    await clientOf(resumed.getToken).getTenant();
    expect(server.requests).toEqual(['GET /api/tenant', 'POST /api/auth/refresh_token', 'GET /api/tenant']);
  });

  it('sends one refresh however many requests wait on it', async () => {
    const session = await start();
    const client = clientOf(session.getToken);
    clock += ttlSeconds * 1000;
    await Promise.all(Array.from({ length: 20 }, () => client.getTenant()));
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    expect(count('GET /api/tenant')).toBe(20);
  });

  it('sends one refresh when many requests are refused at once', async () => {
    const session = await start();
    const resumed = resumeSession(
      { ...session.current, expiresAt: clock + 3600_000 * 24 },
      { baseUrl: server.url, now },
    );
    clock += (ttlSeconds + 1) * 1000; // expired for the server only
    const client = clientOf(resumed.getToken);
    await Promise.all(Array.from({ length: 10 }, () => client.getTenant()));
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    expect(count('GET /api/tenant')).toBe(20);
  });

  it('ends the whole session when a rotated refresh token is used again', async () => {
    const session = await start();
    const copy = session.current; // what a thief, or a stale copy, holds
    await session.refresh();
    const error = await resumeSession(copy, { baseUrl: server.url, now })
      .refresh()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantSignInError);
    expect(error).toMatchObject({ reason: 'session-ended', status: 401 });
    expect((error as Error).message).not.toContain(copy.refreshToken ?? 'none');
    // The newest tokens of that session stopped working too.
    const refused = await clientOf(() => session.current.accessToken)
      .getTenant()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TenantAuthError);
    expect(await session.refresh().catch((e: unknown) => e)).toMatchObject({ reason: 'session-ended' });
  });

  it('keeps what another process stored after refreshing, without spending the refresh token', async () => {
    const session = await start();
    let stored = session.current; // the shared profile
    const save = (next: StoredSession) => {
      stored = next;
    };
    const coordinateRefresh = (refresh: (s?: StoredSession) => Promise<StoredSession>) => refresh(stored);
    const processA = resumeSession(stored, { baseUrl: server.url, now, onTokens: save, coordinateRefresh });
    const processB = resumeSession(stored, { baseUrl: server.url, now, onTokens: save, coordinateRefresh });
    clock += ttlSeconds * 1000;
    const tokenA = await processA.getToken({ refresh: false });
    const tokenB = await processB.getToken({ refresh: false });
    expect(tokenB).toBe(tokenA);
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    await clientOf(processB.getToken).getTenant();
  });

  it('answers the signed-in user, refreshing first when needed', async () => {
    const session = await start();
    clock += ttlSeconds * 1000;
    expect(await session.user()).toEqual({
      username: 'alice',
      role: 'admin',
      password_verified: true,
      password_force_reset: false,
    });
    expect(server.requests.slice(-2)).toEqual(['POST /api/auth/refresh_token', 'GET /api/auth/user']);
  });

  it('signs out: the tokens stop working and the session refuses to serve more', async () => {
    const session = await start();
    const { accessToken } = session.current;
    await session.signOut();
    expect(server.requests.at(-1)).toBe('POST /api/auth/sign_out');
    const refused = await clientOf(() => accessToken)
      .getTenant()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TenantAuthError);
    expect(await session.getToken({ refresh: false }).catch((e: unknown) => e)).toMatchObject({
      reason: 'session-ended',
      method: 'POST',
      message: 'this session was signed out',
    });
    server.requests.length = 0;
    await session.signOut(); // a second time is harmless, and sends nothing
    expect(server.requests).toEqual([]);
  });

  it('signs out of a session that ended on the server without an error, and serves no more', async () => {
    const session = await start();
    // Another process rotated the refresh token and then the session was used again: it ended.
    await resumeSession(session.current, { baseUrl: server.url, now }).refresh();
    clock += ttlSeconds * 1000;
    await session.signOut();
    expect(server.requests.at(-1)).toBe('POST /api/auth/refresh_token');
    expect(await session.getToken({ refresh: false }).catch((e: unknown) => e)).toMatchObject({
      message: 'this session was signed out',
    });
  });

  it('refreshes within min(60 s, a quarter of the token life) of expiry, not before', async () => {
    // Each from a session of its own: a refresh rotates the refresh token, which the other would reuse.
    const resumeWithLife = async (lifeMs: number) =>
      resumeSession(
        { ...(await start()).current, issuedAt: clock, expiresAt: clock + lifeMs },
        { baseUrl: server.url, now },
      );
    // 40 s of life: the margin is 10 s.
    const short = await resumeWithLife(40_000);
    const shortExpiry = short.current.expiresAt;
    clock = shortExpiry - 10_001;
    await short.getToken({ refresh: false });
    expect(count('POST /api/auth/refresh_token')).toBe(0);
    clock = shortExpiry - 10_000;
    await short.getToken({ refresh: false });
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    // 10 minutes of life: the margin is 60 s.
    const long = await resumeWithLife(600_000);
    const longExpiry = long.current.expiresAt;
    clock = longExpiry - 60_001;
    await long.getToken({ refresh: false });
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    clock = longExpiry - 60_000;
    await long.getToken({ refresh: false });
    expect(count('POST /api/auth/refresh_token')).toBe(2);
  });

  it('refreshes when asked, unless the token refused was already replaced', async () => {
    const session = await start();
    const first = session.current.accessToken;
    expect(await session.getToken({ refresh: true })).not.toBe(first); // no token named: refresh
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    const second = session.current.accessToken;
    expect(await session.getToken({ refresh: true, rejectedToken: first })).toBe(second); // replaced already
    expect(count('POST /api/auth/refresh_token')).toBe(1);
    expect(await session.getToken({ refresh: true, rejectedToken: second })).not.toBe(second);
    expect(count('POST /api/auth/refresh_token')).toBe(2);
  });

  it('keeps the domain it signed in with, and has none when it was given none', async () => {
    expect((await start()).current).not.toHaveProperty('domain');
    const withDomain = await signIn({
      baseUrl: server.url,
      username: 'alice',
      password,
      now,
      domain: tenantDomain,
    });
    expect(withDomain.current.domain).toBe(tenantDomain);
    expect((await withDomain.refresh()).domain).toBe(tenantDomain);
  });

  it('signs out of an expired session by refreshing first, so the refresh token ends too', async () => {
    const session = await start();
    clock += (ttlSeconds + 1) * 1000;
    await session.signOut();
    expect(server.requests.slice(-2)).toEqual(['POST /api/auth/refresh_token', 'POST /api/auth/sign_out']);
    expect(
      await resumeSession(session.current, { baseUrl: server.url, now })
        .refresh()
        .catch((e: unknown) => e),
    ).toMatchObject({ reason: 'session-ended' });
  });

  it('on the older flow, ends when the access token expires (there is no refresh)', async () => {
    const legacy: StoredSession = {
      flow: 'legacy',
      username: 'alice',
      accessToken: 'whatever',
      issuedAt: clock - 3600_000,
      expiresAt: clock - 1,
    };
    const error = await resumeSession(legacy, { baseUrl: server.url, now })
      .getToken({ refresh: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'sign-in', reason: 'session-ended' });
    expect((error as Error).message).toMatch(/sign in again/);
    expect(server.requests).toEqual([]);
  });
});

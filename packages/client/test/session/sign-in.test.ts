// signIn against the real reference server (both answer shapes, refusals, throttling) and, for the
// older /login flow, against a scripted server that has only that.
import { createUser, latestCode, startTestServer, type TestServer } from '@tenantctl/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createTenantClient,
  TenantHttpError,
  TenantSignInError,
  TenantThrottledError,
  TenantValidationError,
} from '../../src/index.js';
import { signIn } from '../../src/session/index.js';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-server.js';

const password = 'correct horse battery staple';

describe('signIn against the reference server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ auth: { policy: { failureLimit: 3 } } });
    const tenantId = server.tenant.id;
    await createUser(server.store, { tenantId, username: 'alice', password });
    await createUser(server.store, {
      tenantId,
      username: 'bob',
      password,
      twoFactor: true,
      email: 'bob@example.com',
    });
    await createUser(server.store, { tenantId, username: 'carol', password });
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
  });

  it('signs in with a password, and the session is the getToken of a client', async () => {
    const onTokens = vi.fn();
    const session = await signIn({ baseUrl: server.url, username: 'alice', password, onTokens });
    expect(session.current).toMatchObject({ flow: 'current', username: 'alice' });
    expect(session.current.refreshToken).toEqual(expect.any(String));
    expect(session.current.expiresAt - session.current.issuedAt).toBe(1800_000);
    expect(onTokens).toHaveBeenCalledExactlyOnceWith(session.current);
    // Nothing kept holds the password.
    expect(JSON.stringify(session.current)).not.toContain(password);

    const client = createTenantClient({ baseUrl: server.url, getToken: session.getToken });
    expect((await client.getTenant()).name).toBe(server.tenant.name);
    expect(await session.user()).toMatchObject({ username: 'alice', role: 'admin' });
  });

  it('completes a second factor with the code the callback supplies, asked for after it was mailed', async () => {
    let mailedBeforeAsked: string | undefined;
    const session = await signIn({
      baseUrl: server.url,
      username: 'bob',
      password,
      oneTimeCode: async ({ username }) => {
        mailedBeforeAsked = await latestCode(server.mailDir, username);
        // Pasted with a space, as people do.
        return `${mailedBeforeAsked?.slice(0, 3)} ${mailedBeforeAsked?.slice(3)}`;
      },
    });
    expect(mailedBeforeAsked).toMatch(/^\d{6}$/);
    expect(session.current.username).toBe('bob');
    expect(server.requests).toEqual([
      'POST /api/auth/sign_in',
      'POST /api/auth/send_otp',
      'POST /api/auth/verify_otp',
    ]);
  });

  it('refuses a second factor without a callback, before sending a code', async () => {
    const error = await signIn({ baseUrl: server.url, username: 'bob', password }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantSignInError);
    expect(error).toMatchObject({
      kind: 'sign-in',
      reason: 'second-factor-required',
      method: 'POST',
      message: 'this user has a second factor: a one-time code is needed, and there is no way to ask for one',
    });
    expect(server.requests).toEqual(['POST /api/auth/sign_in']);
  });

  it('refuses a wrong code as code-refused, naming no code', async () => {
    const error = await signIn({
      baseUrl: server.url,
      username: 'bob',
      password,
      oneTimeCode: async () => {
        const right = (await latestCode(server.mailDir, 'bob')) ?? '000000';
        return right === '000000' ? '111111' : '000000';
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'sign-in', reason: 'code-refused', status: 401 });
    expect((error as Error).message).not.toMatch(/\d{6}/);
  });

  it('refuses a code that is not six digits before sending it', async () => {
    const error = await signIn({
      baseUrl: server.url,
      username: 'bob',
      password,
      oneTimeCode: () => '12ab56',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    expect((error as Error).message).toMatch(
      /the one-time code: must match \^\[0-9\]\{6\}\$ \(The six-digit code/,
    );
    expect(server.requests).not.toContain('POST /api/auth/verify_otp');
  });

  it('gives a wrong password and an unknown user the same refusal, quoting neither', async () => {
    const wrong = await signIn({ baseUrl: server.url, username: 'alice', password: 'nope' }).catch(
      (e: unknown) => e,
    );
    const unknown = await signIn({ baseUrl: server.url, username: 'mallory', password }).catch(
      (e: unknown) => e,
    );
    for (const error of [wrong, unknown]) {
      expect(error).toBeInstanceOf(TenantSignInError);
      expect(error).toMatchObject({ reason: 'credentials', status: 401 });
      expect((error as Error).message).not.toMatch(/nope|mallory|horse/);
    }
    expect((wrong as Error).message).toBe((unknown as Error).message);
  });

  it('names a field that breaks the spec and sends nothing', async () => {
    const error = await signIn({ baseUrl: server.url, username: 'a'.repeat(65), password }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TenantValidationError);
    expect((error as Error).message).toMatch(/username: must be at most 64 characters long/);
    const empty = await signIn({ baseUrl: server.url, username: 'alice', password: '' }).catch(
      (e: unknown) => e,
    );
    expect((empty as Error).message).toMatch(/password: must be at least 1 character/);
    expect(server.requests).toEqual([]);
  });

  it('is throttled after repeated failures, with the time to wait', async () => {
    for (let i = 0; i < 3; i++) {
      await signIn({ baseUrl: server.url, username: 'carol', password: 'wrong' }).catch(() => undefined);
    }
    const error = await signIn({ baseUrl: server.url, username: 'carol', password }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantThrottledError);
    const throttled = error as TenantThrottledError;
    expect(throttled.kind).toBe('throttled');
    expect(throttled.retryAfterMs).toBeGreaterThan(800_000);
    expect(throttled.message).toMatch(
      /^429: too many attempts, try again in \d+ s \(at \d\d:\d\d:\d\d UTC\)/,
    );
  });
});

describe('signIn against a PBX with only the older /login', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());

  const legacyAnswer = {
    status: 200,
    body: { access_token: 'legacy-access', expires_in: 3600, expires_at: 'tomorrow', role: 'admin' },
  };

  it('falls back to /login on a 404 of /auth/sign_in, and says so in the session', async () => {
    server.script({ status: 404, body: { errors: [] } }, legacyAnswer);
    const session = await signIn({
      baseUrl: server.baseUrl,
      username: 'alice',
      password,
      domain: 'acme.example',
    });
    expect(session.current).toMatchObject({
      flow: 'legacy',
      accessToken: 'legacy-access',
      role: 'admin',
      domain: 'acme.example',
    });
    expect(session.current.refreshToken).toBeUndefined();
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/auth/sign_in',
      'POST /api/login',
    ]);
    expect(JSON.parse(server.received[1]?.body ?? '')).toEqual({
      username: 'alice',
      password,
      domain: 'acme.example',
    });
    expect(await session.user()).toBeUndefined();
  });

  it('goes straight to /login when the flow is known', async () => {
    server.script(legacyAnswer);
    await signIn({ baseUrl: server.baseUrl, username: 'alice', password, flow: 'legacy' });
    expect(server.received.map((r) => r.url)).toEqual(['/api/login']);
  });

  it('says the URL is likely wrong when neither flow exists', async () => {
    server.script({ status: 404 });
    const error = await signIn({ baseUrl: server.baseUrl, username: 'alice', password }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TenantHttpError);
    expect((error as Error).message).toMatch(
      /neither \/auth\/sign_in nor \/login\): is the URL the API base/,
    );
    expect(error).toMatchObject({ status: 404, method: 'POST', url: `${server.baseUrl}/login` });
  });

  it('with the current flow known, does not try /login: no URL to name', async () => {
    server.script({ status: 404 });
    const error = await signIn({
      baseUrl: server.baseUrl,
      username: 'alice',
      password,
      flow: 'current',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, method: 'POST', url: undefined });
    expect((error as Error).message).toMatch(/no sign-in here/);
    expect(server.received.map((r) => r.url)).toEqual(['/api/auth/sign_in']);
  });

  it('passes on any other failure of /login as it is', async () => {
    server.script({ status: 404 }, { status: 500, body: { errors: [{ code: 'UNKNOWN', message: 'down' }] } });
    const error = await signIn({ baseUrl: server.baseUrl, username: 'alice', password }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 500, message: '500: the server answered with an error: down' });
  });

  it('keeps the time the older token expires, and leaves out a domain and a role it was not given', async () => {
    server.script({ status: 200, body: { access_token: 'legacy-access', expires_in: 60 } });
    const session = await signIn({
      baseUrl: server.baseUrl,
      username: 'alice',
      password,
      flow: 'legacy',
      now: () => 1_000_000,
    });
    expect(session.current).toEqual({
      flow: 'legacy',
      username: 'alice',
      accessToken: 'legacy-access',
      issuedAt: 1_000_000,
      expiresAt: 1_060_000,
    });
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({ username: 'alice', password });
  });

  it('refuses an answer that is not what the spec promises, quoting no token', async () => {
    server.script({ status: 200, body: { access_token: 'leaky-secret', token_type: 'Bearer' } });
    const error = await signIn({ baseUrl: server.baseUrl, username: 'alice', password }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'response' });
    expect((error as Error).message).toMatch(/refresh_token/);
    expect((error as Error).message).not.toContain('leaky-secret');
  });

  it('signs out of the older flow with /logout', async () => {
    server.script(legacyAnswer, { status: 200 });
    const session = await signIn({ baseUrl: server.baseUrl, username: 'alice', password, flow: 'legacy' });
    await session.signOut();
    expect(server.received.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/logout',
      headers: { authorization: 'Bearer legacy-access' },
    });
  });
});

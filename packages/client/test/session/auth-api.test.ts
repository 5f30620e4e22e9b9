// The wire layer of signing in, against a scripted server: what each refusal means, no retries, no
// bearer token where the spec says `security: []`, answers checked against the spec.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TenantHttpError, TenantResponseError, TenantSignInError } from '../../src/index.js';
import { type AuthApi, createAuthApi } from '../../src/session/auth-api.js';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer;
let api: AuthApi;
beforeAll(async () => {
  server = await startScriptedServer();
  api = createAuthApi({ baseUrl: server.baseUrl });
});
afterAll(() => server.close());

const refused = { status: 401, body: { errors: [{ code: 'UNAUTHORIZED', message: 'No.' }] } };
const tokens = { token_type: 'Bearer', access_token: 'at', refresh_token: 'rt', expires_in: 60 };

describe('refusals, by operation', () => {
  beforeEach(() => server.script(refused));

  it.each([
    [
      'sign-in',
      '/auth/sign_in',
      () => api.signIn({ username: 'a', password: 'b' }),
      'credentials',
      /^401: the user name or the password is not right$/,
    ],
    [
      '/login',
      '/login',
      () => api.legacySignIn({ username: 'a', password: 'b' }),
      'credentials',
      /^401: the user name/,
    ],
    [
      'send_otp',
      '/auth/send_otp',
      () => api.sendCode('flow'),
      'code-refused',
      /^401: this sign-in expired or is unknown, sign in again$/,
    ],
    [
      'verify_otp',
      '/auth/verify_otp',
      () => api.verifyCode('flow', '123456'),
      'code-refused',
      /^401: the one-time code was refused/,
    ],
    [
      'refresh',
      '/auth/refresh_token',
      () => api.refresh('rt'),
      'session-ended',
      /^401: the session has ended$/,
    ],
  ] as const)('%s', async (_name, path, run, reason, message) => {
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantSignInError);
    expect(error).toMatchObject({
      kind: 'sign-in',
      reason,
      status: 401,
      codes: ['UNAUTHORIZED'],
      method: 'POST',
      url: `${server.baseUrl}${path}`,
    });
    expect((error as Error).message).toMatch(message);
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /api${path}`]);
  });
});

describe('requests', () => {
  it('send no bearer token to the operations without security, and each exactly once', async () => {
    server.script({ status: 503 });
    expect(await api.refresh('rt-1').catch((e: unknown) => e)).toBeInstanceOf(TenantHttpError);
    expect(server.received).toHaveLength(1); // a replayed refresh would spend a rotating token
    expect(server.received[0]).toMatchObject({ method: 'POST', url: '/api/auth/refresh_token' });
    expect(server.received[0]?.headers.authorization).toBeUndefined();
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({ refresh_token: 'rt-1' });
  });

  it('sign out with the access token; a refused token means it had ended already', async () => {
    server.script({ status: 200 });
    expect(await api.signOut('/auth/sign_out', 'at-1')).toBe(true);
    expect(server.received[0]?.headers.authorization).toBe('Bearer at-1');
    server.script(refused);
    expect(await api.signOut('/logout', 'at-1')).toBe(false);
    expect(server.received.map((r) => r.url)).toEqual(['/api/logout']);
    server.script({ status: 500 });
    expect(await api.signOut('/auth/sign_out', 'at-1').catch((e: unknown) => e)).toBeInstanceOf(
      TenantHttpError,
    );
  });

  it('ask for the user with the session token, refreshing once after a 401', async () => {
    server.script(refused, {
      status: 200,
      body: { role: 'admin', password_verified: true, password_force_reset: false },
    });
    const getToken = vi.fn(({ refresh }: { refresh: boolean }) => (refresh ? 'new' : 'old'));
    expect(await api.user(getToken)).toMatchObject({ role: 'admin' });
    expect(server.received.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`)).toEqual([
      'GET /api/auth/user Bearer old',
      'GET /api/auth/user Bearer new',
    ]);
  });
});

describe('answers', () => {
  it('tell a missing /auth/sign_in apart (the older flow), but not a missing refresh', async () => {
    server.script({ status: 404 });
    expect(await api.signIn({ username: 'a', password: 'b' })).toEqual({ kind: 'missing' });
    expect(await api.refresh('rt').catch((e: unknown) => e)).toMatchObject({
      kind: 'not-found',
      status: 404,
    });
  });

  it('tell the two shapes of sign-in apart', async () => {
    server.script({ status: 200, body: tokens });
    expect(await api.signIn({ username: 'a', password: 'b' })).toEqual({ kind: 'tokens', tokens });
    server.script({ status: 200, body: { two_factor_enabled: true, token: 'flow-1' } });
    expect(await api.signIn({ username: 'a', password: 'b' })).toEqual({
      kind: 'second-factor',
      flowToken: 'flow-1',
    });
  });

  it('are refused when they break the spec, naming the field and not the value', async () => {
    server.script({ status: 200, body: { two_factor_enabled: true } });
    const noFlow = await api.signIn({ username: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(noFlow).toBeInstanceOf(TenantResponseError);
    expect((noFlow as Error).message).toMatch(/not a SecondFactorRequired as the spec defines it: .*token/);
    server.script({ status: 200, body: { ...tokens, expires_in: 0 } });
    const soon = await api.refresh('rt').catch((e: unknown) => e);
    expect((soon as Error).message).toBe(
      '200: the answer is not a SessionTokens as the spec defines it: expires_in: must be >= 1',
    );
    expect(soon).toMatchObject({ status: 200, method: 'POST', url: `${server.baseUrl}/auth/refresh_token` });
    server.script({ status: 200, body: '{"access_token":' });
    expect(await api.refresh('rt').catch((e: unknown) => e)).toMatchObject({
      kind: 'response',
      message: '200: the answer is not valid JSON',
      status: 200,
      method: 'POST',
      url: `${server.baseUrl}/auth/refresh_token`,
    });
  });

  it('of each operation are checked as that operation, naming it in the error', async () => {
    const answers = [
      ['/auth/sign_in', () => api.signIn({ username: 'a', password: 'b' }), 'SessionTokens'],
      ['/login', () => api.legacySignIn({ username: 'a', password: 'b' }), 'LegacySignInResponse'],
      ['/auth/verify_otp', () => api.verifyCode('flow', '123456'), 'SessionTokens'],
      ['/auth/refresh_token', () => api.refresh('rt'), 'SessionTokens'],
    ] as const;
    for (const [path, run, schema] of answers) {
      server.script({ status: 200, body: { unexpected: true } });
      const error = await run().catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(TenantResponseError);
      expect((error as Error).message, path).toContain(`not a ${schema} as the spec defines it`);
      expect(error, path).toMatchObject({ method: 'POST', url: `${server.baseUrl}${path}` });
    }
    server.script({ status: 200, body: { role: 42 } });
    const user = await api.user(() => 'at').catch((e: unknown) => e);
    expect(user).toBeInstanceOf(TenantResponseError);
    expect((user as Error).message).toContain('not a SignedInUser as the spec defines it');
    expect(user).toMatchObject({ method: 'GET', url: `${server.baseUrl}/auth/user` });
  });
});

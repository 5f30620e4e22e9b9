// The Authentication operations over the whole fastify pipeline: answers, errors and what the spec says
// of them; the tokens they give at work on /tenant.
import { validateValue } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createUser } from '../../src/admin.js';
import { latestCode, startTestServer, type TestServer } from '../../src/testing/index.js';
import { errorItems, inject } from '../support/requests.js';

let server: TestServer;
let clock = Date.parse('2026-11-30T12:00:00Z');
beforeAll(async () => {
  server = await startTestServer({ tenants: ['Acme'], auth: { now: () => clock } });
  await createUser(server.store, {
    tenantId: server.tenant.id,
    username: 'alice',
    password: 'alice-password',
  });
  await createUser(server.store, {
    tenantId: server.tenant.id,
    username: 'tf',
    password: 'tf-password',
    twoFactor: true,
    email: 'tf@acme.test',
  });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, token?: string) =>
  inject(server, 'POST', { path, body, ...(token === undefined ? {} : { token }) });
const tokensOf = async (username = 'alice', password = 'alice-password') =>
  (await post('/auth/sign_in', { username, password })).body as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
  };

describe('POST /auth/sign_in', () => {
  it('answers the tokens shape of the spec, uncacheable', async () => {
    const answer = await post('/auth/sign_in', { username: 'alice', password: 'alice-password' });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(validateValue('SignInResponse', answer.body).valid).toBe(true);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
  });

  it('answers the second-factor shape for a user with two factors', async () => {
    const answer = await post('/auth/sign_in', { username: 'tf', password: 'tf-password' });
    expect(answer.body).toEqual({ two_factor_enabled: true, token: expect.stringMatching(/^tfl_/) });
    expect(validateValue('SignInResponse', answer.body).valid).toBe(true);
  });

  it.each([
    ['a wrong password', { username: 'alice', password: 'nope' }],
    ['an unknown user', { username: 'nobody', password: 'nope' }],
  ])('401 for %s, the same answer either way', async (_what, body) => {
    const answer = await post('/auth/sign_in', body);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      errors: [{ code: 'UNAUTHORIZED', message: 'The user name or the password is not right.' }],
    });
    expect(answer.headers['www-authenticate']).toBeUndefined();
  });

  it.each([
    ['an empty user name', { username: '', password: 'x' }, '/username', 'minLength'],
    ['a user name over 64 characters', { username: 'u'.repeat(65), password: 'x' }, '/username', 'maxLength'],
    ['an empty password', { username: 'alice', password: '' }, '/password', 'minLength'],
    [
      'a password over 256 characters',
      { username: 'alice', password: 'p'.repeat(257) },
      '/password',
      'maxLength',
    ],
    ['no password', { username: 'alice' }, '/password', 'required'],
    [
      'an unknown field',
      { username: 'alice', password: 'x', remember: true },
      '/remember',
      'additionalProperties',
    ],
    [
      'a domain over 280 characters',
      { username: 'alice', password: 'x', domain: 'd'.repeat(281) },
      '/domain',
      'maxLength',
    ],
  ])('400 naming the field for %s', async (_what, body, path, rule) => {
    const answer = await post('/auth/sign_in', body);
    expect(answer.status).toBe(400);
    expect(errorItems(answer)[0]).toMatchObject({ code: 'VALIDATE_FAILED', detail: { path, rule } });
  });

  it('429 with Retry-After after 5 failures within 15 minutes, until the window ends', async () => {
    await createUser(server.store, {
      tenantId: server.tenant.id,
      username: 'carol',
      password: 'carol-password',
    });
    for (let i = 0; i < 5; i++)
      expect((await post('/auth/sign_in', { username: 'carol', password: 'x' })).status).toBe(401);
    const throttled = await post('/auth/sign_in', { username: 'carol', password: 'carol-password' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('900');
    expect(errorItems(throttled)).toEqual([
      {
        code: 'TOO_MANY_REQUESTS',
        message: 'Too many failed sign-ins from this address; try again in 900 s.',
      },
    ]);
    clock += 900_000;
    expect((await post('/auth/sign_in', { username: 'carol', password: 'carol-password' })).status).toBe(200);
  });
});

describe('POST /auth/sign_in with a user name in two tenants', () => {
  it('400 naming domain when the password fits both, and signs in with the domain', async () => {
    const other = await createTenant(server.store, 'Other');
    await server.store.mergeSettings(other.id, { domain: 'other.pbx.test' });
    for (const tenantId of [server.tenant.id, other.id])
      await createUser(server.store, { tenantId, username: 'twin', password: 'twin-password' });
    const answer = await post('/auth/sign_in', { username: 'twin', password: 'twin-password' });
    expect(answer.status).toBe(400);
    expect(errorItems(answer)).toEqual([
      {
        code: 'VALIDATE_FAILED',
        message: 'domain: required, the user name is used in more than one tenant',
        detail: { path: '/domain', rule: 'required' },
      },
    ]);
    const domained = await post('/auth/sign_in', {
      username: 'twin',
      password: 'twin-password',
      domain: 'other.pbx.test',
    });
    expect(domained.status).toBe(200);
  });
});

describe('second factor over HTTP', () => {
  it('mails a code (a file in the mail folder) and completes the sign-in with it', async () => {
    const { token } = (await post('/auth/sign_in', { username: 'tf', password: 'tf-password' })).body as {
      token: string;
    };
    const sent = await post('/auth/send_otp', { token });
    expect(sent).toMatchObject({ status: 200, text: '' });
    const code = await latestCode(server.mailDir, 'tf');
    expect(code).toMatch(/^\d{6}$/);
    const verified = await post('/auth/verify_otp', { token, code });
    expect(verified.status).toBe(200);
    expect(validateValue('SessionTokens', verified.body).valid).toBe(true);
  });

  it.each([
    ['send_otp with an unknown flow', '/auth/send_otp', { token: 'tfl_unknown' }, 401],
    ['verify_otp with an unknown flow', '/auth/verify_otp', { token: 'tfl_unknown', code: '123456' }, 401],
    ['verify_otp with a code of five digits', '/auth/verify_otp', { token: 'tfl_x', code: '12345' }, 400],
    ['verify_otp without a code', '/auth/verify_otp', { token: 'tfl_x' }, 400],
  ])('%s → %i', async (_what, path, body, status) => {
    expect((await post(path, body)).status).toBe(status);
  });

  it('refuses a code the same way whatever went wrong, saying to sign in again', async () => {
    const refused = {
      errors: [
        {
          code: 'UNAUTHORIZED',
          message: 'The code is not right, or the sign-in expired or had too many tries; sign in again.',
        },
      ],
    };
    expect((await post('/auth/send_otp', { token: 'tfl_unknown' })).body).toEqual(refused);
    expect((await post('/auth/verify_otp', { token: 'tfl_unknown', code: '123456' })).body).toEqual(refused);
  });
});

describe('tokens at work', () => {
  it("an access token reads the user's tenant; /auth/user names the user", async () => {
    const { access_token } = await tokensOf();
    expect((await inject(server, 'GET', { token: access_token })).body).toMatchObject({
      id: server.tenant.id,
    });
    const user = await inject(server, 'GET', { path: '/auth/user', token: access_token });
    expect(user.body).toEqual({
      username: 'alice',
      role: 'admin',
      password_verified: true,
      password_force_reset: false,
    });
    expect(validateValue('SignedInUser', user.body).valid).toBe(true);
  });

  it('an expired access token gets 401; a refresh gives a new one', async () => {
    const { access_token, refresh_token } = await tokensOf();
    clock += 1800 * 1000;
    expect((await inject(server, 'GET', { token: access_token })).status).toBe(401);
    const refreshed = await post('/auth/refresh_token', { refresh_token });
    expect(refreshed.status).toBe(200);
    const fresh = (refreshed.body as { access_token: string }).access_token;
    expect((await inject(server, 'GET', { token: fresh })).status).toBe(200);
  });

  it('a reused refresh token ends the session: 401, and the newest tokens stop', async () => {
    const first = await tokensOf();
    const second = (await post('/auth/refresh_token', { refresh_token: first.refresh_token })).body as {
      access_token: string;
    };
    const reuse = await post('/auth/refresh_token', { refresh_token: first.refresh_token });
    expect(reuse.status).toBe(401);
    expect(errorItems(reuse)[0]?.message).toBe(
      'The refresh token is unknown, was used already, or its session ended; sign in again.',
    );
    expect((await inject(server, 'GET', { token: second.access_token })).status).toBe(401);
  });

  it('sign-out ignores whatever body or media type comes with it (it takes none)', async () => {
    for (const headers of [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/octet-stream' },
    ]) {
      const { access_token } = await tokensOf();
      const answer = await server.app.inject({
        method: 'POST',
        url: '/api/auth/sign_out',
        headers: { authorization: `Bearer ${access_token}`, ...headers },
        payload: '',
      });
      expect(answer.statusCode).toBe(200);
    }
  });

  it('a refresh token is no access token, and an access token no refresh token', async () => {
    const { access_token, refresh_token } = await tokensOf();
    expect((await inject(server, 'GET', { token: refresh_token })).status).toBe(401);
    expect((await post('/auth/refresh_token', { refresh_token: access_token })).status).toBe(401);
  });

  it('sign-out ends the session; /auth/user then refuses, as it refuses an API token', async () => {
    const { access_token } = await tokensOf();
    expect((await post('/auth/sign_out', undefined, access_token)).status).toBe(200);
    expect((await inject(server, 'GET', { token: access_token })).status).toBe(401);
    expect((await post('/auth/sign_out', undefined, access_token)).status).toBe(401);
    expect((await inject(server, 'GET', { path: '/auth/user', token: server.tenant.token })).status).toBe(
      401,
    );
    expect((await inject(server, 'GET', { path: '/auth/user' })).status).toBe(401);
  });

  it('the API tokens of administrators keep working beside sessions', async () => {
    expect((await inject(server, 'GET', { token: server.tenant.token })).status).toBe(200);
  });

  it('the older /login and /logout are not there: 404, so that a client knows which flow this is', async () => {
    expect((await post('/login', { username: 'alice', password: 'alice-password' })).status).toBe(404);
  });
});

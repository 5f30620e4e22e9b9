// Consumer contract of signing in: what the session code needs from the vendor's Authentication
// operations, recorded against Pact's mock server. The secrets here are placeholders the provider
// states create (no token a server issued is ever recorded).
import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { TenantSignInError } from '../../src/index.js';
import { createAuthApi } from '../../src/session/auth-api.js';
import { resumeSession, type StoredSession, signIn } from '../../src/session/index.js';
import { afterMatched, createPact } from './pact-setup.js';

const { like, regex, integer, string, eachLike } = MatchersV3;

const jsonContentType = regex(/^application\/json(;.*)?$/, 'application/json; charset=utf-8');
const bearer = (token: string) => regex(/^Bearer [\x21-\x7e]+$/, `Bearer ${token}`);
const tokens = like({
  token_type: string('Bearer'),
  access_token: string('example-access-token'),
  refresh_token: string('example-refresh-token'),
  expires_in: integer(1800),
});
const refused = (message: string) => ({
  errors: eachLike({
    code: regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, 'UNAUTHORIZED'),
    message: string(message),
  }),
});

// The placeholders the provider states set up (apps/server/test/contract/provider-states.ts).
const USER = { username: 'pact-user', password: 'pact-password' };
const SECOND_FACTOR_USER = { username: 'pact-2fa-user', password: 'pact-password' };
const FLOW_TOKEN = 'pact-flow-token';
const CODE = '123456';
const session = (): StoredSession => ({
  flow: 'current',
  username: USER.username,
  accessToken: 'pact-access-token',
  refreshToken: 'pact-refresh-token',
  issuedAt: Date.now(),
  expiresAt: Date.now() + 1800_000,
});

const pact = createPact();
type Interaction = ReturnType<ReturnType<PactV4['addInteraction']>['uponReceiving']>;
/** Pact's request builder (the package does not export its type). */
type RequestBuilderFunc = NonNullable<Parameters<Interaction['withRequest']>[2]>;

const jsonPost =
  (body: unknown): RequestBuilderFunc =>
  (builder) => {
    builder.headers({ 'Content-Type': jsonContentType }).jsonBody(body);
  };

beforeAll(async () => {
  // Compile the validators first (see tenant-api.pact.test.ts).
  (await import('@tenantctl/schema/validate')).validateValue('SessionTokens', {});
});

describe('Authentication consumer contract', () => {
  it('signs in with a password and gets the tokens', async () => {
    await pact
      .addInteraction()
      .given('a user with a password exists')
      .uponReceiving('a sign-in with the right password')
      .withRequest('POST', '/api/auth/sign_in', jsonPost(USER))
      .willRespondWith(200, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody(tokens),
      )
      .executeTest(
        afterMatched(async (server) => {
          const signedIn = await signIn({ baseUrl: `${server.url}/api`, ...USER });
          expect(signedIn.current).toMatchObject({ flow: 'current', accessToken: 'example-access-token' });
        }),
      );
  });

  it('is refused with a wrong password', async () => {
    await pact
      .addInteraction()
      .given('a user with a password exists')
      .uponReceiving('a sign-in with a wrong password')
      .withRequest('POST', '/api/auth/sign_in', jsonPost({ ...USER, password: 'not-the-password' }))
      .willRespondWith(401, (builder) =>
        builder
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody(refused('The user name or the password is not right.')),
      )
      .executeTest(
        afterMatched(async (server) => {
          const error = await signIn({
            baseUrl: `${server.url}/api`,
            ...USER,
            password: 'not-the-password',
          }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(TenantSignInError);
          expect(error).toMatchObject({ reason: 'credentials' });
        }),
      );
  });

  it('is told that a second factor is required', async () => {
    await pact
      .addInteraction()
      .given('a user with a second factor exists')
      .uponReceiving('a sign-in of a user with a second factor')
      .withRequest('POST', '/api/auth/sign_in', jsonPost(SECOND_FACTOR_USER))
      .willRespondWith(200, (builder) =>
        builder
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody({ two_factor_enabled: true, token: string('example-flow-token') }),
      )
      .executeTest(
        afterMatched(async (server) => {
          const answer = await createAuthApi({ baseUrl: `${server.url}/api` }).signIn(SECOND_FACTOR_USER);
          expect(answer).toEqual({ kind: 'second-factor', flowToken: 'example-flow-token' });
        }),
      );
  });

  it('has the one-time code sent', async () => {
    await pact
      .addInteraction()
      .given('a sign-in waits for its one-time code')
      .uponReceiving('a request to mail the one-time code')
      .withRequest('POST', '/api/auth/send_otp', jsonPost({ token: FLOW_TOKEN }))
      .willRespondWith(200)
      .executeTest(
        afterMatched(async (server) => {
          await createAuthApi({ baseUrl: `${server.url}/api` }).sendCode(FLOW_TOKEN);
        }),
      );
  });

  it('completes the sign-in with the one-time code', async () => {
    await pact
      .addInteraction()
      .given('a sign-in waits for its one-time code')
      .uponReceiving('the one-time code')
      .withRequest('POST', '/api/auth/verify_otp', jsonPost({ token: FLOW_TOKEN, code: CODE }))
      .willRespondWith(200, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody(tokens),
      )
      .executeTest(
        afterMatched(async (server) => {
          const answer = await createAuthApi({ baseUrl: `${server.url}/api` }).verifyCode(FLOW_TOKEN, CODE);
          expect(answer.access_token).toBe('example-access-token');
        }),
      );
  });

  it('refreshes the access token', async () => {
    await pact
      .addInteraction()
      .given('a session exists')
      .uponReceiving('a refresh of the session')
      .withRequest('POST', '/api/auth/refresh_token', jsonPost({ refresh_token: 'pact-refresh-token' }))
      .willRespondWith(200, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody(tokens),
      )
      .executeTest(
        afterMatched(async (server) => {
          const refreshed = await resumeSession(session(), {
            baseUrl: `${server.url}/api`,
          }).refresh();
          expect(refreshed.refreshToken).toBe('example-refresh-token');
        }),
      );
  });

  it('is told the session ended when the refresh token is not known', async () => {
    await pact
      .addInteraction()
      .given('a user with a password exists')
      .uponReceiving('a refresh with a refresh token the server does not know')
      .withRequest('POST', '/api/auth/refresh_token', jsonPost({ refresh_token: 'pact-refresh-token' }))
      .willRespondWith(401, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody(refused('The session has ended.')),
      )
      .executeTest(
        afterMatched(async (server) => {
          const error = await resumeSession(session(), { baseUrl: `${server.url}/api` })
            .refresh()
            .catch((e: unknown) => e);
          expect(error).toMatchObject({ kind: 'sign-in', reason: 'session-ended' });
        }),
      );
  });

  it('reads the signed-in user', async () => {
    await pact
      .addInteraction()
      .given('a session exists')
      .uponReceiving('a request for the signed-in user')
      .withRequest('GET', '/api/auth/user', (builder) =>
        builder.headers({ Authorization: bearer('pact-access-token') }),
      )
      .willRespondWith(200, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody(
          like({
            username: string('pact-user'),
            role: string('admin'),
            password_verified: true,
            password_force_reset: false,
          }),
        ),
      )
      .executeTest(
        afterMatched(async (server) => {
          const user = await resumeSession(session(), { baseUrl: `${server.url}/api` }).user();
          expect(user?.role).toBe('admin');
        }),
      );
  });

  it('signs out', async () => {
    await pact
      .addInteraction()
      .given('a session exists')
      .uponReceiving('a sign-out')
      .withRequest('POST', '/api/auth/sign_out', (builder) =>
        builder.headers({ Authorization: bearer('pact-access-token') }),
      )
      .willRespondWith(200)
      .executeTest(
        afterMatched(async (server) => {
          await resumeSession(session(), { baseUrl: `${server.url}/api` }).signOut();
        }),
      );
  });
});

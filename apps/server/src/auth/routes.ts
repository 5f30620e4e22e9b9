// The Authentication operations of the spec: sign-in (with a second factor), refresh, sign-out, the
// signed-in user. Bodies are checked against the spec; every answer is the spec's.
import { validateValue } from '@tenantctl/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { noStore } from '../answer-headers.js';
import { apiError, unauthorized, validationError } from '../api-errors.js';
import { registerBodyless } from '../bodyless-routes.js';
import { bearerToken } from '../tokens.js';
import type { SignInService } from './sign-in.js';

/** The body, checked against one of the spec's schemas; 400 naming every violation otherwise. */
function checked<T>(schema: string, request: FastifyRequest): T {
  const result = validateValue<T>(schema, request.body);
  if (!result.valid) throw validationError(result.violations);
  return result.value;
}

const refusedSignIn = () => apiError(401, 'UNAUTHORIZED', 'The user name or the password is not right.');
const refusedCode = () =>
  apiError(
    401,
    'UNAUTHORIZED',
    'The code is not right, or the sign-in expired or had too many tries; sign in again.',
  );

export function registerAuthRoutes(app: FastifyInstance, prefix: string, signIn: SignInService): void {
  app.post(`${prefix}/auth/sign_in`, async (request, reply) => {
    const body = checked<{ username: string; password: string; domain?: string }>('SignInRequest', request);
    // request.ip is the socket's address, or the one named by a trusted proxy (AppOptions.trustProxy).
    const result = await signIn.signIn({ ...body, address: request.ip });
    switch (result.outcome) {
      case 'tokens':
        return reply.headers(noStore).send(result.tokens);
      case 'second-factor':
        return reply.headers(noStore).send({ two_factor_enabled: true, token: result.token });
      case 'refused':
        throw refusedSignIn();
      case 'domain-needed':
        throw validationError([
          {
            path: '/domain',
            field: 'domain',
            rule: 'required',
            message: 'domain: required, the user name is used in more than one tenant',
          },
        ]);
      case 'throttled':
        throw apiError(
          429,
          'TOO_MANY_REQUESTS',
          result.reason === 'address'
            ? `Too many failed sign-ins from this address; try again in ${result.retryAfterSeconds} s.`
            : `Too many failed sign-ins for this account from addresses it has not signed in from; try again in ${result.retryAfterSeconds} s, or from an address it used before.`,
          { 'Retry-After': String(result.retryAfterSeconds) },
        );
    }
  });

  app.post(`${prefix}/auth/send_otp`, async (request, reply) => {
    const { token } = checked<{ token: string }>('SendOneTimeCodeRequest', request);
    if ((await signIn.sendCode(token)) !== 'sent') throw refusedCode();
    return reply.headers(noStore).code(200).send();
  });

  app.post(`${prefix}/auth/verify_otp`, async (request, reply) => {
    const { token, code } = checked<{ token: string; code: string }>('VerifyOneTimeCodeRequest', request);
    const tokens = await signIn.verifyCode(token, code);
    if (tokens === 'refused') throw refusedCode();
    return reply.headers(noStore).send(tokens);
  });

  app.post(`${prefix}/auth/refresh_token`, async (request, reply) => {
    const { refresh_token } = checked<{ refresh_token: string }>('RefreshTokenRequest', request);
    const tokens = await signIn.refresh(refresh_token);
    if (tokens === 'refused') {
      throw apiError(
        401,
        'UNAUTHORIZED',
        'The refresh token is unknown, was used already, or its session ended; sign in again.',
      );
    }
    return reply.headers(noStore).send(tokens);
  });

  registerBodyless(app, (bodyless) => {
    bodyless.post(`${prefix}/auth/sign_out`, async (request, reply) => {
      const token = bearerToken(request.headers.authorization);
      if (!token || !(await signIn.signOut(token))) throw unauthorized();
      return reply.headers(noStore).code(200).send();
    });
  });

  app.get(`${prefix}/auth/user`, async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    const user = token ? await signIn.user(token) : undefined;
    if (!user) throw unauthorized();
    return reply.headers(noStore).send({
      username: user.username,
      role: user.role,
      password_verified: true,
      password_force_reset: false,
    });
  });
}

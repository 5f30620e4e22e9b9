// Signs a user in with whichever flow the PBX has (detected, or as remembered), completing a second
// factor through the caller's callback, and opens the session. The password is not kept.
import type { SignInRequest } from '@tenantctl/schema';
import { checkRequest } from '../check-request.js';
import { TenantHttpError, TenantSignInError } from '../errors.js';
import { type AuthApi, createAuthApi } from './auth-api.js';
import {
  openSession,
  type SessionOptions,
  type SignInFlow,
  type StoredSession,
  type TenantSession,
  toStoredSession,
} from './session.js';

export interface SignInOptions extends SessionOptions {
  username: string;
  password: string;
  /** The tenant's SIP domain, needed when the user name exists in more than one tenant. */
  domain?: string;
  /**
   * Supplies the one-time code when the user has a second factor. Called after the code was sent;
   * without it, such a user's sign-in fails with `TenantSignInError` `second-factor-required`.
   */
  oneTimeCode?: (context: { username: string }) => string | Promise<string>;
  /** The flow that worked before with this PBX. Default: try `/auth/sign_in`, then `/login` on a 404. */
  flow?: SignInFlow;
}

/** Neither flow answered: most often the URL is not the API's base. */
function noSignIn(url: string | undefined): TenantHttpError {
  return new TenantHttpError(
    '404: no sign-in here (neither /auth/sign_in nor /login): is the URL the API base, such as https://pbx.example.com/api?',
    { status: 404, method: 'POST', ...(url === undefined ? {} : { url }) },
  );
}

async function completeSecondFactor(
  api: AuthApi,
  flowToken: string,
  options: SignInOptions,
): Promise<Awaited<ReturnType<AuthApi['verifyCode']>>> {
  if (!options.oneTimeCode) {
    throw new TenantSignInError(
      'this user has a second factor: a one-time code is needed, and there is no way to ask for one',
      { method: 'POST', reason: 'second-factor-required' },
    );
  }
  await api.sendCode(flowToken);
  const typed = await options.oneTimeCode({ username: options.username });
  // People paste codes as "123 456".
  const code = await checkRequest<string>('OneTimeCode', String(typed).replace(/\s+/g, ''), {
    subject: 'the one-time code',
  });
  return api.verifyCode(flowToken, code);
}

async function signInCurrent(
  api: AuthApi,
  request: SignInRequest,
  options: SignInOptions,
  now: () => number,
): Promise<StoredSession | undefined> {
  const answer = await api.signIn(request);
  if (answer.kind === 'missing') return undefined;
  const tokens =
    answer.kind === 'tokens' ? answer.tokens : await completeSecondFactor(api, answer.flowToken, options);
  return toStoredSession(tokens, request, now());
}

async function signInLegacy(api: AuthApi, request: SignInRequest, now: () => number): Promise<StoredSession> {
  const answer = await api.legacySignIn(request).catch((error: unknown) => {
    throw error instanceof TenantHttpError && error.status === 404 ? noSignIn(error.url) : error;
  });
  const issuedAt = now();
  return {
    flow: 'legacy',
    username: request.username,
    ...(request.domain === undefined ? {} : { domain: request.domain }),
    accessToken: answer.access_token,
    issuedAt,
    expiresAt: issuedAt + answer.expires_in * 1000,
    ...(answer.role === undefined ? {} : { role: answer.role }),
  };
}

/**
 * Signs in and returns the session, to pass as a client's `getToken`. Fails with `TenantSignInError`
 * (`credentials`, `second-factor-required`, `code-refused`), `TenantThrottledError` (429, with
 * `retryAfterMs`), or `TenantValidationError` when a field breaks the spec (nothing is sent then).
 */
export async function signIn(options: SignInOptions): Promise<TenantSession> {
  const { username, password, domain } = options;
  const request = await checkRequest<SignInRequest>('SignInRequest', {
    username,
    password,
    ...(domain === undefined ? {} : { domain }),
  });
  const api = createAuthApi(options);
  const now = options.now ?? Date.now;
  const stored =
    (options.flow === 'legacy' ? undefined : await signInCurrent(api, request, options, now)) ??
    (options.flow === 'current' ? undefined : await signInLegacy(api, request, now));
  if (!stored) throw noSignIn(undefined);
  await options.onTokens?.(stored);
  return openSession(stored, options, api);
}

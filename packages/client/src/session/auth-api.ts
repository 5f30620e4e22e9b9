// The vendor's sign-in operations on the wire, one call each: no retries (a replayed refresh would
// spend a refresh token that rotates), answers checked against the spec, errors by operation.
import type {
  LegacySignInResponse,
  SecondFactorRequired,
  SessionTokens,
  SignedInUser,
  SignInRequest,
} from '@tenantctl/schema';
import { checkBaseUrl } from '../base-url.js';
import { DEFAULT_TIMEOUT_MS } from '../create-tenant-client.js';
import { runCall, tenantErrorFromResponse } from '../error-from-response.js';
import { type SignInFailure, TenantApiError, TenantResponseError, TenantSignInError } from '../errors.js';
import { typedClient } from '../plain-request.js';
import { redactUrl } from '../redact-url.js';
import { resolveRetryPolicy } from '../retry-policy.js';
import { bodyRead, createTransport, type FetchFunction, type TokenProvider } from '../transport.js';

/** Where the PBX is and how to reach it: as for `createTenantClient`, without a token. */
export interface AuthConnection {
  /** Base URL including the API prefix, e.g. `https://pbx.example.com/api`. */
  baseUrl: string;
  /** Per-request timeout. Default 30000 ms. */
  timeoutMs?: number;
  /** The fetch to use, called as `fetch(url, init)`. Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Sent as `User-Agent` where the runtime allows it. */
  userAgent?: string;
}

/** What each operation's refusal (401/403) means for the person signing in. */
const refusals = {
  '/auth/sign_in': ['credentials', 'the user name or the password is not right'],
  '/login': ['credentials', 'the user name or the password is not right'],
  '/auth/send_otp': ['code-refused', 'this sign-in expired or is unknown, sign in again'],
  '/auth/verify_otp': ['code-refused', 'the one-time code was refused (wrong, expired, or tried too often)'],
  '/auth/refresh_token': ['session-ended', 'the session has ended'],
} as const satisfies Record<string, readonly [SignInFailure, string]>;

type Operation = keyof typeof refusals | '/auth/sign_out' | '/logout' | '/auth/user';

/** The answer of sign-in: the tokens, or the flow token of a second factor; `missing` on a 404. */
type SignInAnswer =
  | { kind: 'tokens'; tokens: SessionTokens }
  | { kind: 'second-factor'; flowToken: string }
  | { kind: 'missing' };

export interface AuthApi {
  signIn(request: SignInRequest): Promise<SignInAnswer>;
  legacySignIn(request: SignInRequest): Promise<LegacySignInResponse>;
  sendCode(flowToken: string): Promise<void>;
  verifyCode(flowToken: string, code: string): Promise<SessionTokens>;
  refresh(refreshToken: string): Promise<SessionTokens>;
  /** Ends the session of `accessToken`; true when it ended, false when the token was refused already. */
  signOut(operation: '/auth/sign_out' | '/logout', accessToken: string): Promise<boolean>;
  user(getToken: TokenProvider): Promise<SignedInUser>;
}

async function checkAnswer<T>(schema: string, body: unknown, where: { method: string; url: string }) {
  const { validateValue, formatViolations } = await import('@tenantctl/schema/validate');
  const checked = validateValue<T>(schema, body);
  if (checked.valid) return checked.value;
  // The violations name fields and rules, never values: these answers hold tokens.
  throw new TenantResponseError(
    `200: the answer is not a ${schema} as the spec defines it: ${formatViolations(checked.violations, 'inline')}`,
    { status: 200, ...where },
  );
}

export function createAuthApi(connection: AuthConnection): AuthApi {
  const baseUrl = checkBaseUrl(connection.baseUrl);
  const clientWith = (token?: TokenProvider, canRefresh = false) => {
    const send = createTransport({
      ...(token ? { token } : {}),
      canRefresh,
      timeoutMs: connection.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: resolveRetryPolicy(false),
      fetch: connection.fetch ?? ((url, init) => globalThis.fetch(url, init)),
      ...(connection.userAgent ? { userAgent: connection.userAgent } : {}),
    });
    return typedClient(baseUrl, (request) => send(request));
  };
  const anonymous = clientWith();

  /** Sends one operation; resolves with the parsed body of a 2xx (or a 404 of sign-in: no such flow). */
  async function exchange(
    operation: Operation,
    call: () => Promise<{ response: Response; data?: unknown; error?: unknown }>,
  ): Promise<{ status: number; body: unknown }> {
    const where = {
      method: operation === '/auth/user' ? 'GET' : 'POST',
      url: redactUrl(`${baseUrl}${operation}`),
    };
    return runCall(where, async () => {
      const { response, data, error } = await call();
      bodyRead(response); // openapi-fetch has read it (parseAs: 'text')
      if (response.ok) {
        let body: unknown;
        try {
          body = typeof data === 'string' && data !== '' ? JSON.parse(data) : undefined;
        } catch (cause) {
          throw new TenantResponseError(`${response.status}: the answer is not valid JSON`, {
            status: response.status,
            ...where,
            cause,
          });
        }
        return { status: response.status, body };
      }
      if (response.status === 404 && operation === '/auth/sign_in') return { status: 404, body: undefined };
      const refusal = (refusals as Record<string, readonly [SignInFailure, string]>)[operation];
      if (refusal && (response.status === 401 || response.status === 403)) {
        const generic = tenantErrorFromResponse(response, error, where);
        throw new TenantSignInError(`${response.status}: ${refusal[1]}`, {
          status: response.status,
          errors: generic.errors,
          codes: generic.codes,
          ...where,
          reason: refusal[0],
        });
      }
      throw tenantErrorFromResponse(response, error, where);
    });
  }

  const where = (operation: Operation) => ({ method: 'POST', url: redactUrl(`${baseUrl}${operation}`) });

  return {
    async signIn(request) {
      const { status, body } = await exchange('/auth/sign_in', () =>
        anonymous.POST('/auth/sign_in', { body: request, parseAs: 'text' }),
      );
      if (status === 404) return { kind: 'missing' };
      const shape = body as { two_factor_enabled?: unknown } | undefined;
      if (shape?.two_factor_enabled === true) {
        const second = await checkAnswer<SecondFactorRequired>(
          'SecondFactorRequired',
          body,
          where('/auth/sign_in'),
        );
        return { kind: 'second-factor', flowToken: second.token };
      }
      return {
        kind: 'tokens',
        tokens: await checkAnswer<SessionTokens>('SessionTokens', body, where('/auth/sign_in')),
      };
    },
    async legacySignIn(request) {
      const { body } = await exchange('/login', () =>
        anonymous.POST('/login', { body: request, parseAs: 'text' }),
      );
      return checkAnswer<LegacySignInResponse>('LegacySignInResponse', body, where('/login'));
    },
    async sendCode(flowToken) {
      await exchange('/auth/send_otp', () =>
        anonymous.POST('/auth/send_otp', { body: { token: flowToken }, parseAs: 'text' }),
      );
    },
    async verifyCode(flowToken, code) {
      const { body } = await exchange('/auth/verify_otp', () =>
        anonymous.POST('/auth/verify_otp', { body: { token: flowToken, code }, parseAs: 'text' }),
      );
      return checkAnswer<SessionTokens>('SessionTokens', body, where('/auth/verify_otp'));
    },
    async refresh(refreshToken) {
      const { body } = await exchange('/auth/refresh_token', () =>
        anonymous.POST('/auth/refresh_token', {
          body: { refresh_token: refreshToken },
          parseAs: 'text',
        }),
      );
      return checkAnswer<SessionTokens>('SessionTokens', body, where('/auth/refresh_token'));
    },
    async signOut(operation, accessToken) {
      const client = clientWith(() => accessToken);
      try {
        await exchange(operation, () => client.POST(operation, { parseAs: 'text' }));
        return true;
      } catch (error) {
        if (error instanceof TenantApiError && error.status === 401) return false;
        throw error;
      }
    },
    async user(getToken) {
      const client = clientWith(getToken, true);
      const { body } = await exchange('/auth/user', () => client.GET('/auth/user', { parseAs: 'text' }));
      return checkAnswer<SignedInUser>('SignedInUser', body, {
        method: 'GET',
        url: redactUrl(`${baseUrl}/auth/user`),
      });
    },
  };
}

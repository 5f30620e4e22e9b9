// The fetch that every request goes through (the raw openapi-fetch client included): bearer token,
// user agent, per-attempt timeout, retries, and one token refresh after a 401.
import { TenantApiError, TenantAuthError, TenantNetworkError, TenantTimeoutError } from './errors.js';
import { PlainRequest } from './plain-request.js';
import { redactUrl } from './redact-url.js';
import {
  backoffDelay,
  notAppliedStatuses,
  parseRetryAfter,
  type RetryPolicy,
  retryableStatuses,
} from './retry-policy.js';

/**
 * The part of the standard fetch the client uses: called with a URL and an init, so that each attempt
 * costs one Request (built inside fetch) rather than two.
 */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Returns the bearer token; `refresh: true` after the server rejected the previous one, which is then
 * `rejectedToken` (a provider shared by concurrent requests can tell whether it was replaced already).
 */
export type TokenProvider = (context: {
  refresh: boolean;
  rejectedToken?: string;
}) => string | Promise<string>;

export interface TransportOptions {
  /** The bearer token of every request; none for operations that need none (signing in). */
  token?: TokenProvider;
  /** Whether a 401 is worth one more try with `refresh: true` (only when the caller supplied `getToken`). */
  canRefresh: boolean;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch: FetchFunction;
  userAgent?: string;
}

// RFC 9110 token68-ish: visible ASCII without spaces; anything else cannot go in a header safely.
const sendableToken = /^[\x21-\x7e]+$/;

function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

/**
 * The signal of one attempt: aborted by the caller's signal or by the timeout. One AbortController and
 * a plain timer: on Node 20, `AbortSignal.timeout()` costs about 7 µs and every extra signal 3 µs, which
 * showed as a tenth of a GET's overhead over a raw fetch. The timer is left running (unreferenced) on
 * success, so that the timeout also covers reading the body, until `bodyRead` stops it.
 */
function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  const attempt = { signal: controller.signal, timedOut: false, clear: () => clearTimeout(timer) };
  const timer = setTimeout(() => {
    attempt.timedOut = true;
    controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  // Node: a pending timeout must not keep a finished script alive. Browsers return a number.
  (timer as { unref?: () => void }).unref?.();
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', () => controller.abort(caller.reason), { once: true });
  return attempt;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The bearer token of an attempt: synchronously when the provider returns a string (a fixed token),
 * so that the common case costs no extra turn of the event loop.
 */
function bearer(
  provider: TokenProvider,
  rejectedToken: string | undefined,
  where: () => Where,
): string | Promise<string> {
  let token: string | Promise<string>;
  try {
    token = provider(rejectedToken === undefined ? { refresh: false } : { refresh: true, rejectedToken });
  } catch (cause) {
    throw providerFailed(cause, where);
  }
  if (typeof token === 'string') return sendable(token, where);
  return Promise.resolve(token).then(
    (resolved) => sendable(resolved, where),
    (cause) => {
      throw providerFailed(cause, where);
    },
  );
}

function providerFailed(cause: unknown, where: () => Where): Error {
  // A session's own errors (the session ended, the refresh could not reach the server) say more.
  if (cause instanceof TenantApiError) return cause;
  return new TenantAuthError('getToken() failed, so no request was sent', { ...where(), cause });
}

function sendable(token: unknown, where: () => Where): string {
  if (typeof token !== 'string' || !sendableToken.test(token)) {
    // Never quote the token: it is a secret even when it is malformed.
    throw new TenantAuthError(
      'the token is empty or has characters that cannot be sent in an HTTP header',
      where(),
    );
  }
  return token;
}

type Where = { method: string; url: string };

// The timeout of the attempt each response came from, still running while its body is read.
const deadlines = new WeakMap<Response, () => void>();

/**
 * Stops the timeout of the attempt `response` came from: call it once the body has been read. A timer
 * left running for `timeoutMs` kept the attempt's AbortController and fetch's request alive for that
 * long, so a busy client moved them to the old generation and paid for them in major collections.
 */
export function bodyRead(response: Response): void {
  deadlines.get(response)?.();
}

/**
 * Sends a request built by openapi-fetch. `signal` is the caller's, if any: the typed methods pass it
 * here rather than into the Request, since linking a signal to a Request (and to fetch's copy of it)
 * is among the dearest steps of a request on Node 20; the raw client passes `request.signal`.
 */
export type Transport = (request: Request | PlainRequest, signal?: AbortSignal) => Promise<Response>;

export function createTransport(options: TransportOptions): Transport {
  return async (request, callerSignal) => {
    const method = request.method;
    // For messages only: parsing and redacting the URL is work a successful request does not need.
    const where = (): Where => ({ method, url: redactUrl(request.url) });
    // Made for this call alone (by openapi-fetch, or here from the raw client's Request), so its headers
    // are this call's to change; fetch copies them at every attempt.
    const { body, redirect, headers, replayable } =
      request instanceof PlainRequest ? request : await PlainRequest.from(request);
    if (options.userAgent) headers['user-agent'] = options.userAgent;
    let token: string | undefined;
    let rejectedToken: string | undefined;
    let refreshed = false;
    let retries = 0;

    const retryAfter = async (reason: 'network' | number, response?: Response): Promise<boolean> => {
      if (retries >= options.retry.retries) return false;
      // A write sent with If-Match, or one that is not replayable (a create), is sent again only when
      // the server certainly did not apply it: a replay of an applied one would fail with a false 412,
      // or create a second tenant.
      if (
        isWrite(method) &&
        (headers['if-match'] !== undefined || !replayable) &&
        (reason === 'network' || !notAppliedStatuses.has(reason))
      )
        return false;
      const hinted = response ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
      if (hinted !== undefined && hinted > options.retry.maxRetryAfterMs) return false;
      retries++;
      const delayMs = hinted ?? backoffDelay(options.retry, retries);
      options.retry.onRetry?.({ attempt: retries, delayMs, reason, ...where() });
      await response?.body?.cancel().catch(() => undefined);
      await sleep(delayMs, callerSignal);
      return true;
    };

    for (;;) {
      if (options.token) {
        const given = bearer(options.token, rejectedToken, where);
        token = typeof given === 'string' ? given : await given;
        headers.authorization = `Bearer ${token}`;
      }
      const attempt = attemptSignal(callerSignal, options.timeoutMs);
      let response: Response;
      try {
        response = await options.fetch(request.url, {
          method,
          headers,
          body,
          signal: attempt.signal,
          redirect,
        });
      } catch (cause) {
        attempt.clear();
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (attempt.timedOut) {
          throw new TenantTimeoutError(`no answer within ${options.timeoutMs} ms`, { ...where(), cause });
        }
        if (await retryAfter('network')) continue;
        const reason =
          cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : String(cause);
        throw new TenantNetworkError(`could not reach the server (${reason})`, { ...where(), cause });
      }

      if (response.status === 401 && options.canRefresh && !refreshed) {
        attempt.clear();
        refreshed = true;
        rejectedToken = token;
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      rejectedToken = undefined;
      if (retryableStatuses.has(response.status)) {
        attempt.clear();
        if (await retryAfter(response.status, response)) continue;
      }
      deadlines.set(response, attempt.clear);
      return response;
    }
  };
}

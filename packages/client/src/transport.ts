// The fetch that every request goes through (the raw openapi-fetch client included): bearer token,
// user agent, per-attempt timeout, retries, and one token refresh after a 401.
import { TenantAuthError, TenantNetworkError, TenantTimeoutError } from './errors.js';
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

/** Returns the bearer token; `refresh: true` after the server rejected the previous one. */
export type TokenProvider = (context: { refresh: boolean }) => string | Promise<string>;

export interface TransportOptions {
  token: TokenProvider;
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
 * The signal of one attempt: aborted by the caller's signal or by the timeout. Linked with listeners
 * rather than AbortSignal.any, which costs far more per request on Node 20.
 */
function attemptSignal(
  caller: AbortSignal,
  timeoutMs: number,
): { signal: AbortSignal; timedOut: () => boolean } {
  const timeout = AbortSignal.timeout(timeoutMs);
  const controller = new AbortController();
  const forward = (source: AbortSignal) => () => controller.abort(source.reason);
  if (caller.aborted) controller.abort(caller.reason);
  else caller.addEventListener('abort', forward(caller), { once: true });
  timeout.addEventListener('abort', forward(timeout), { once: true });
  return { signal: controller.signal, timedOut: () => timeout.aborted };
}

function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
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

async function bearer(
  options: TransportOptions,
  refresh: boolean,
  method: string,
  url: string,
): Promise<string> {
  let token: unknown;
  try {
    token = await options.token({ refresh });
  } catch (cause) {
    throw new TenantAuthError('getToken() failed, so no request was sent', { method, url, cause });
  }
  if (typeof token !== 'string' || !sendableToken.test(token)) {
    // Never quote the token: it is a secret even when it is malformed.
    throw new TenantAuthError('the token is empty or has characters that cannot be sent in an HTTP header', {
      method,
      url,
    });
  }
  return `Bearer ${token}`;
}

export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method;
    // For messages only; computed once, and only the redacted form is ever kept.
    const url = redactUrl(request.url);
    // Buffered once so the request can be replayed.
    const body = request.body ? await request.arrayBuffer() : undefined;
    const conditional = request.headers.has('If-Match');
    let refresh = false;
    let refreshed = false;
    let retries = 0;

    for (;;) {
      const headers = new Headers(request.headers);
      headers.set('Authorization', await bearer(options, refresh, method, url));
      if (options.userAgent) headers.set('User-Agent', options.userAgent);
      const { signal, timedOut } = attemptSignal(request.signal, options.timeoutMs);

      const retryAfter = async (reason: 'network' | number, response?: Response): Promise<boolean> => {
        if (retries >= options.retry.retries) return false;
        // A write sent with If-Match is replayed only when the server certainly did not apply it.
        if (isWrite(method) && conditional && (reason === 'network' || !notAppliedStatuses.has(reason)))
          return false;
        const hinted = response ? parseRetryAfter(response.headers.get('Retry-After')) : undefined;
        if (hinted !== undefined && hinted > options.retry.maxRetryAfterMs) return false;
        retries++;
        const delayMs = hinted ?? backoffDelay(options.retry, retries);
        options.retry.onRetry?.({ attempt: retries, delayMs, reason, method, url });
        await response?.body?.cancel().catch(() => undefined);
        await sleep(delayMs, request.signal);
        return true;
      };

      let response: Response;
      try {
        response = await options.fetch(request.url, {
          method,
          headers,
          body,
          signal,
          redirect: request.redirect,
        });
      } catch (cause) {
        if (request.signal.aborted) throw request.signal.reason;
        if (timedOut()) {
          throw new TenantTimeoutError(`no answer within ${options.timeoutMs} ms`, { method, url, cause });
        }
        if (await retryAfter('network')) continue;
        const reason =
          cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : String(cause);
        throw new TenantNetworkError(`could not reach the server (${reason})`, { method, url, cause });
      }

      if (response.status === 401 && options.canRefresh && !refreshed) {
        refresh = refreshed = true;
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      refresh = false;
      if (retryableStatuses.has(response.status) && (await retryAfter(response.status, response))) continue;
      return response;
    }
  };
}

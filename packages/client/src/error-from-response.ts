// The client's error for a non-2xx answer, by status: one place decides which class each status gets.
import { parseErrorBody } from './error-body.js';
import {
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  TenantForbiddenError,
  TenantHttpError,
  TenantNotFoundError,
  TenantThrottledError,
  TenantTimeoutError,
  TenantValidationError,
} from './errors.js';
import { redactUrl } from './redact-url.js';
import { parseRetryAfter } from './retry-policy.js';

/** `in 840 s (at 10:14:00 UTC)`: when a throttled caller may try again, for a person to read. */
export function describeRetryAfter(retryAfterMs: number | undefined, now: number = Date.now()): string {
  if (retryAfterMs === undefined) return 'later';
  const seconds = Math.ceil(retryAfterMs / 1000);
  const at = new Date(now + seconds * 1000).toISOString().slice(11, 19);
  return `in ${seconds} s (at ${at} UTC)`;
}

/**
 * The client's error for a non-2xx answer, by status. Exported for callers of the raw client:
 * `const { response, error } = await client.raw.POST('/tenant', …);
 * if (!response.ok) throw tenantErrorFromResponse(response, error, { method: 'POST', url })`.
 * `request` is what was asked for: `response.url` is empty for a Response a custom fetch built itself.
 */
export function tenantErrorFromResponse(
  response: Response,
  body: unknown,
  request: { method: string; url: string },
): TenantApiError {
  const { errors, codes, violations } = parseErrorBody(body);
  const details = {
    status: response.status,
    errors,
    codes,
    method: request.method,
    url: redactUrl(request.url),
  };
  const said = errors[0]?.message ? `: ${errors.map((e) => e.message).join('; ')}` : '';
  const status = response.status;
  if (status === 401) {
    return new TenantAuthError(`${status}: the server rejected the token${said}`, details);
  }
  if (status === 403) {
    return new TenantForbiddenError(`${status}: this account may not do that${said}`, details);
  }
  if (status === 404) {
    return new TenantNotFoundError(`${status}: not found${said}`, details);
  }
  if (status === 400 || status === 422) {
    return new TenantValidationError(`${status}: the server refused the request${said}`, {
      ...details,
      violations,
    });
  }
  if (status === 412) {
    return new TenantConflictError(
      `${status}: the tenant was changed by someone else since it was read${said}`,
      details,
    );
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    return new TenantThrottledError(
      `${status}: too many attempts, try again ${describeRetryAfter(retryAfterMs)}${said}`,
      { ...details, retryAfterMs },
    );
  }
  return new TenantHttpError(`${status}: the server answered with an error${said}`, details);
}

/**
 * Runs one openapi-fetch call, turning a timeout while the body was read (after the transport had
 * returned the response) into the client's error.
 */
export async function runCall<T>(where: { method: string; url: string }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw callError(error, where);
  }
}

/** What `runCall` throws for an error of its call: for a hot path that cannot spare runCall's closure. */
export function callError(error: unknown, where: { method: string; url: string }): unknown {
  if (error instanceof TenantApiError) return error;
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new TenantTimeoutError('no complete answer within the timeout', { ...where, cause: error });
  }
  return error;
}

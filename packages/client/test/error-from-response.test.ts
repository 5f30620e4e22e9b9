import { describe, expect, it } from 'vitest';
import { describeRetryAfter, runCall, tenantErrorFromResponse } from '../src/error-from-response.js';
import {
  TenantAuthError,
  TenantConflictError,
  TenantForbiddenError,
  TenantHttpError,
  TenantNotFoundError,
  TenantThrottledError,
  TenantTimeoutError,
  TenantValidationError,
} from '../src/errors.js';

const request = { method: 'GET', url: 'https://user:pw@pbx.test/api/tenant?token=x' };
const body = { errors: [{ code: 'UNKNOWN', message: 'said the server' }] };
const answer = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

describe('tenantErrorFromResponse', () => {
  it.each([
    [401, TenantAuthError, 'auth', '401: the server rejected the token: said the server'],
    [403, TenantForbiddenError, 'forbidden', '403: this account may not do that: said the server'],
    [400, TenantValidationError, 'validation', '400: the server refused the request: said the server'],
    [422, TenantValidationError, 'validation', '422: the server refused the request: said the server'],
    [
      412,
      TenantConflictError,
      'conflict',
      '412: the tenant was changed by someone else since it was read: said the server',
    ],
    [500, TenantHttpError, 'http', '500: the server answered with an error: said the server'],
    [404, TenantNotFoundError, 'not-found', '404: not found: said the server'],
  ])('maps %i to its class', (status, type, kind, message) => {
    const error = tenantErrorFromResponse(answer(status), body, request);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ kind, message, status, method: 'GET', url: 'https://pbx.test/api/tenant' });
  });

  it('maps 429 to throttled, with when to try again', () => {
    const error = tenantErrorFromResponse(answer(429, { 'Retry-After': '840' }), body, request);
    expect(error).toBeInstanceOf(TenantThrottledError);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterMs: 840_000, status: 429 });
    expect(error.message).toMatch(
      /^429: too many attempts, try again in 840 s \(at \d\d:\d\d:\d\d UTC\): said the server$/,
    );
    const unsaid = tenantErrorFromResponse(answer(429), undefined, request);
    expect(unsaid).toMatchObject({
      retryAfterMs: undefined,
      message: '429: too many attempts, try again later',
    });
  });
});

describe('describeRetryAfter', () => {
  it('says the seconds, rounded up, and the time of day in UTC', () => {
    const now = Date.UTC(2026, 10, 30, 10, 0, 0);
    expect(describeRetryAfter(839_001, now)).toBe('in 840 s (at 10:14:00 UTC)');
    expect(describeRetryAfter(0, now)).toBe('in 0 s (at 10:00:00 UTC)');
    expect(describeRetryAfter(undefined, now)).toBe('later');
  });
});

describe('runCall', () => {
  const where = { method: 'GET', url: 'https://pbx.test/api/tenant' };

  it('turns a timeout while reading the body into TenantTimeoutError', async () => {
    const error = await runCall(where, async () => {
      throw new DOMException('late', 'TimeoutError');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantTimeoutError);
    expect(error).toMatchObject({ ...where, message: 'no complete answer within the timeout' });
  });

  it("passes results, the client's errors and anything else through", async () => {
    expect(await runCall(where, async () => 42)).toBe(42);
    const own = new TenantHttpError('x', where);
    expect(await runCall(where, async () => Promise.reject(own)).catch((e: unknown) => e)).toBe(own);
    const other = new RangeError('y');
    expect(await runCall(where, async () => Promise.reject(other)).catch((e: unknown) => e)).toBe(other);
  });
});

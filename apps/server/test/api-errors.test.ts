import { describe, expect, it } from 'vitest';
import { ApiError, apiError, bodyError, unauthorized, validationError } from '../src/api-errors.js';

describe('api errors', () => {
  it('carry status, items and headers; the message joins the items', () => {
    const error = apiError(405, 'METHOD_NOT_ALLOWED', 'No.', { Allow: 'GET' });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 405,
      items: [{ code: 'METHOD_NOT_ALLOWED', message: 'No.' }],
      headers: { Allow: 'GET' },
    });
    expect(
      new ApiError(400, [
        { code: 'UNKNOWN', message: 'a' },
        { code: 'UNKNOWN', message: 'b' },
      ]).message,
    ).toBe('a; b');
  });

  it('turn violations into VALIDATE_FAILED items with path and rule, and the header when there is one', () => {
    const violations = [{ path: '/a', field: 'a', rule: 'minimum', message: 'a: must be >= 1' }];
    expect(validationError(violations).items).toEqual([
      { code: 'VALIDATE_FAILED', message: 'a: must be >= 1', detail: { path: '/a', rule: 'minimum' } },
    ]);
    expect(validationError(violations, { header: 'If-Match' }).items[0]?.detail).toEqual({
      path: '/a',
      rule: 'minimum',
      header: 'If-Match',
    });
    expect(bodyError('json', 'Not JSON.')).toMatchObject({
      status: 400,
      items: [{ code: 'VALIDATE_FAILED', message: 'Not JSON.', detail: { path: '', rule: 'json' } }],
    });
  });

  it('401 says how to authenticate', () => {
    expect(unauthorized()).toMatchObject({
      status: 401,
      items: [{ code: 'UNAUTHORIZED', message: 'A valid bearer token is required.' }],
      headers: { 'WWW-Authenticate': 'Bearer realm="tenant"' },
    });
  });
});

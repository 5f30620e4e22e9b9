// The error classes: names, kinds and the hierarchy callers switch on, and what each carries.
import { describe, expect, it } from 'vitest';
import {
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  TenantHttpError,
  TenantNetworkError,
  TenantResponseError,
  TenantTimeoutError,
  TenantValidationError,
} from '../src/index.js';

const details = { method: 'GET', url: 'http://pbx.test/api/tenant' };

describe('error classes', () => {
  it.each([
    [new TenantAuthError('m', details), 'TenantAuthError', 'auth', []],
    [
      new TenantValidationError('m', { ...details, violations: [] }),
      'TenantValidationError',
      'validation',
      [],
    ],
    [new TenantHttpError('m', details), 'TenantHttpError', 'http', []],
    [new TenantConflictError('m', details), 'TenantConflictError', 'conflict', [TenantHttpError]],
    [new TenantResponseError('m', details), 'TenantResponseError', 'response', [TenantHttpError]],
    [new TenantNetworkError('m', details), 'TenantNetworkError', 'network', []],
    [new TenantTimeoutError('m', details), 'TenantTimeoutError', 'timeout', []],
  ])('%o is named %s, of kind %s', (error, name, kind, parents) => {
    expect(error.name).toBe(name);
    expect(error.kind).toBe(kind);
    expect(error).toBeInstanceOf(TenantApiError);
    expect(error).toBeInstanceOf(Error);
    for (const parent of parents) expect(error).toBeInstanceOf(parent);
    expect(String(error)).toBe(`${name}: m`);
  });

  it('carries status, items, codes, method, url and cause; defaults to none', () => {
    const cause = new Error('socket');
    const full = new TenantHttpError('m', {
      ...details,
      status: 500,
      errors: [{ code: 'X', message: 'y' }],
      codes: ['UNKNOWN'],
      cause,
    });
    expect(full).toMatchObject({
      status: 500,
      errors: [{ code: 'X', message: 'y' }],
      codes: ['UNKNOWN'],
      method: 'GET',
      url: 'http://pbx.test/api/tenant',
      cause,
    });
    const bare = new TenantNetworkError('m', { method: 'POST' });
    expect(bare).toMatchObject({ status: undefined, errors: [], codes: [], method: 'POST', url: undefined });
    expect(bare.cause).toBeUndefined();
    expect('cause' in bare).toBe(false);
  });

  it('a validation error carries its violations', () => {
    const violations = [{ path: '/a', field: 'a', rule: 'minimum', message: 'a: must be >= 1' }];
    expect(new TenantValidationError('m', { ...details, violations }).violations).toEqual(violations);
  });
});

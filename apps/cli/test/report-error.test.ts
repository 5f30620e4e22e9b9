// Every kind of error to its one message and exit code, as main prints them.
import {
  TenantAuthError,
  TenantConflictError,
  TenantForbiddenError,
  TenantHttpError,
  TenantNetworkError,
  TenantResponseError,
  TenantSignInError,
  TenantThrottledError,
  TenantTimeoutError,
  TenantValidationError,
} from '@tenantctl/client';
import { describe, expect, it } from 'vitest';
import { ExitError } from '../src/exit-error.js';
import { reportError } from '../src/report-error.js';
import { harness } from './support/harness.js';

const where = { method: 'GET', url: 'http://pbx.test/api/tenant' };
const said = [{ code: 'UNAUTHORIZED', message: 'A valid bearer token is required.' }];
const violation = { path: '/a', field: 'a', rule: 'minimum', message: 'a: must be >= 1' };

function report(error: unknown, context = {}, verbose = false) {
  const h = harness({ verbose });
  const code = reportError(error, h.deps.io, context);
  return { code, stderr: h.stderr };
}

describe('reportError', () => {
  it.each([
    [new ExitError(2, 'bad usage'), 2, 'tenantctl: bad usage\n'],
    [
      new TenantValidationError('x', { method: 'POST', violations: [violation] }),
      2,
      'tenantctl: invalid settings, nothing was sent:\n  - a: must be >= 1\n',
    ],
    [
      new TenantValidationError('x', { ...where, status: 400, violations: [violation] }),
      1,
      'tenantctl: 400: the server refused the update:\n  - a: must be >= 1\n',
    ],
    [
      new TenantConflictError('x', { ...where, status: 412 }),
      1,
      'tenantctl: conflict: the tenant was changed by someone else since it was read; nothing was changed. Run the command again to see the new state.\n',
    ],
    [
      new TenantNetworkError('could not reach the server (connect ECONNREFUSED)', where),
      4,
      'tenantctl: cannot reach http://pbx.test/api/tenant: could not reach the server (connect ECONNREFUSED) — is the server running? check --url or TENANTCTL_URL\n',
    ],
    [
      new TenantTimeoutError('no answer within 500 ms', where),
      4,
      'tenantctl: http://pbx.test/api/tenant did not answer in time (no answer within 500 ms) — try again, or raise --timeout\n',
    ],
    [
      new TenantHttpError('500: the server answered with an error: internal', { ...where, status: 500 }),
      1,
      'tenantctl: 500: the server answered with an error: internal (GET http://pbx.test/api/tenant)\n',
    ],
    [
      new TenantResponseError('200: the tenant is not a JSON object', { ...where, status: 200 }),
      1,
      'tenantctl: 200: the tenant is not a JSON object (GET http://pbx.test/api/tenant)\n',
    ],
    [
      new TenantForbiddenError('403: this account may not do that: no tenant yet', { ...where, status: 403 }),
      1,
      'tenantctl: 403: this account may not do that: no tenant yet (GET http://pbx.test/api/tenant); a SystemAdmin or a Dealer names the tenant: --tenant ID|NAME\n',
    ],
    [
      new TenantForbiddenError('403: this account may not do that: only', {
        method: 'GET',
        url: 'http://pbx.test/api/tenants',
        status: 403,
      }),
      1,
      "tenantctl: 403: this account may not do that: only (GET http://pbx.test/api/tenants); this needs a SystemAdmin or a Dealer: a tenant's own users and API tokens reach only their tenant\n",
    ],
    [new Error('boom'), 1, 'tenantctl: unexpected error: boom\n'],
    ['a string', 1, 'tenantctl: unexpected error: a string\n'],
  ])('%o → exit %i', (error, code, stderr) => {
    expect(report(error)).toEqual({ code, stderr });
  });

  it('names where a rejected token came from, once, with what the server said', () => {
    const error = new TenantAuthError(
      '401: the server rejected the token: A valid bearer token is required.',
      {
        ...where,
        status: 401,
        errors: said,
      },
    );
    expect(report(error, { tokenSource: '--token-file /etc/pbx-token' })).toEqual({
      code: 3,
      stderr:
        'tenantctl: 401: the server rejected the token from --token-file /etc/pbx-token (A valid bearer token is required.); check that token, or run tenantctl config set\n',
    });
    expect(report(error, { tokenSource: 'profile "lab"' }).stderr).toContain(
      'the token from profile "lab" (',
    );
  });

  it('sends every sign-in failure to tenantctl auth login, with exit code 3', () => {
    const refused = [{ code: 'UNAUTHORIZED', message: 'The user name or the password is not right.' }];
    const wrong = new TenantSignInError('401: the user name or the password is not right', {
      ...where,
      status: 401,
      errors: refused,
      reason: 'credentials',
    });
    // The server's message says the same thing: not twice.
    expect(report(wrong)).toEqual({
      code: 3,
      stderr: 'tenantctl: 401: the user name or the password is not right: run tenantctl auth login\n',
    });
    const ended = new TenantSignInError('401: the session has ended', {
      ...where,
      status: 401,
      errors: [{ code: 'UNAUTHORIZED', message: 'The refresh token was used already.' }],
      reason: 'session-ended',
    });
    expect(report(ended, { signIn: 'tenantctl auth login --profile lab' })).toEqual({
      code: 3,
      stderr:
        'tenantctl: 401: the session has ended (The refresh token was used already.): run tenantctl auth login --profile lab\n',
    });
  });

  it('tells a session user whose token is rejected to sign in again', () => {
    const error = new TenantAuthError('401: the server rejected the token', { ...where, status: 401 });
    expect(
      report(error, { tokenSource: 'the session of profile "default"', signIn: 'tenantctl auth login' })
        .stderr,
    ).toBe(
      'tenantctl: 401: the server rejected the token from the session of profile "default"; run tenantctl auth login\n',
    );
  });

  it('says when to try again after throttling, with exit code 1', () => {
    const error = new TenantThrottledError('429: too many attempts, try again in 840 s (at 10:14:00 UTC)', {
      method: 'POST',
      url: 'http://pbx.test/api/auth/sign_in',
      status: 429,
      retryAfterMs: 840_000,
    });
    expect(report(error)).toEqual({
      code: 1,
      stderr:
        'tenantctl: 429: too many attempts, try again in 840 s (at 10:14:00 UTC) (POST http://pbx.test/api/auth/sign_in)\n',
    });
  });

  it('says a token cannot be used when nothing was sent', () => {
    const error = new TenantAuthError(
      'the token is empty or has characters that cannot be sent in an HTTP header',
      where,
    );
    expect(report(error, { tokenSource: 'TENANTCTL_TOKEN' })).toEqual({
      code: 3,
      stderr:
        'tenantctl: the token from TENANTCTL_TOKEN cannot be used: the token is empty or has characters that cannot be sent in an HTTP header\n',
    });
  });

  it('adds the stack trace with --verbose only', () => {
    expect(report(new Error('boom')).stderr).not.toMatch(/\n\s+at /);
    expect(report(new Error('boom'), {}, true).stderr).toMatch(
      /^tenantctl: unexpected error: boom\nError: boom\n\s+at /,
    );
  });
});

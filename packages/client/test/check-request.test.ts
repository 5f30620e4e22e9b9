// The check of what is about to be sent: every violation named, nothing sent, the value passed on.
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../src/check-request.js';
import { TenantValidationError } from '../src/index.js';

describe('checkRequest', () => {
  it('names every field that breaks the spec, as a validation error with nothing sent', async () => {
    const error = await checkRequest('SignInRequest', {
      username: '',
      password: 'x'.repeat(257),
      extra: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    expect(error).toMatchObject({ status: undefined, method: 'POST' });
    const message = (error as Error).message;
    expect(message).toMatch(/^nothing was sent: /);
    expect(message).toMatch(/username: must be at least 1 character/);
    expect(message).toMatch(/password: must be at most 256 characters long/);
    expect(message).toMatch(/extra/);
    expect(message).not.toContain('x'.repeat(20));
    expect(await checkRequest('OneTimeCode', '123456')).toBe('123456');
  });

  it('says which method was not sent, and names a value that is not a body by its subject', async () => {
    const error = await checkRequest('TenantListQuery', { top: 0 }, { method: 'GET' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ method: 'GET', violations: [{ path: '/top', rule: 'minimum' }] });
    const code = await checkRequest('OneTimeCode', '12', { subject: 'the code' }).catch((e: unknown) => e);
    expect((code as Error).message).toMatch(/^nothing was sent: the code: /);
  });
});

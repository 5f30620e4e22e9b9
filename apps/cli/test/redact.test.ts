// Secrets hidden from people: by the spec for its fields, by key names for anything else.
import { fieldInfo } from '@tenantctl/schema/fields';
import { describe, expect, it } from 'vitest';
import { hideSecrets, namesASecret, redactSecrets } from '../src/redact.js';

describe('namesASecret', () => {
  it.each([
    ['password', true],
    ['api_key', true],
    ['authToken', true],
    ['client-secret', true],
    ['webhook.credentials', true],
    ['stir_shaken_key', true],
    ['keyboard', false],
    ['monkey', false],
    ['tokenizer', false],
    ['url', false],
    ['passwordless_login', false],
  ])('%s → %s', (key, secret) => {
    expect(namesASecret(key)).toBe(secret);
  });
});

describe('redactSecrets', () => {
  it('hides values under secret-naming keys at any depth, keeping blanks and everything else', () => {
    const event = {
      url: 'https://hooks.example.com/cdr',
      password: 'hunter2',
      headers: [{ name: 'X-Api', api_key: 'k-123' }],
      auth: { token: 't-456', scheme: 'Bearer', secret: null, key: '' },
    };
    expect(redactSecrets(event)).toEqual({
      url: 'https://hooks.example.com/cdr',
      password: '<redacted>',
      headers: [{ name: 'X-Api', api_key: '<redacted>' }],
      auth: { token: '<redacted>', scheme: 'Bearer', secret: null, key: '' },
    });
    expect(event.password).toBe('hunter2'); // a copy
  });
});

describe('hideSecrets', () => {
  it("hides a webhook's password and token where the spec puts them, and nothing else", () => {
    const hook = {
      enabled: true,
      url: 'https://hooks.acme.test/cdr',
      auth: 'BASIC',
      username: 'pbxhook',
      password: 'hunter22',
    };
    expect(hideSecrets(hook, fieldInfo('cdr_event'))).toEqual({ ...hook, password: '<redacted>' });
    expect(hideSecrets({ auth: 'BEARER', token: 'tok-1' }, fieldInfo('extension_event'))).toEqual({
      auth: 'BEARER',
      token: '<redacted>',
    });
    expect(hook.password).toBe('hunter22'); // a copy
  });

  it('leaves a known field without secrets as it is, whatever its keys are called', () => {
    const hours = { monday: { enabled: true, ranges: [] } };
    expect(hideSecrets(hours, fieldInfo('office_hours'))).toEqual(hours);
  });

  it('goes by key names for a field the spec does not know', () => {
    expect(hideSecrets({ api_key: 'k', name: 'n' }, undefined)).toEqual({ api_key: '<redacted>', name: 'n' });
  });
});

import { describe, expect, it } from 'vitest';
import { validateTenantUpdate } from '../src/index.js';

describe('validateTenantUpdate', () => {
  it('reports every violation at once, each with path, rule and message', () => {
    const result = validateTenantUpdate({
      name: '',
      recording_retention: 0,
      contact_match_type: 'SOMETIMES',
    });
    expect(result.valid).toBe(false);
    expect(result.violations).toEqual([
      {
        path: '/name',
        field: 'name',
        rule: 'minLength',
        message: 'name: must be at least 1 character(s) long',
      },
      {
        path: '/recording_retention',
        field: 'recording_retention',
        rule: 'minimum',
        message: 'recording_retention: must be >= 1',
      },
      {
        path: '/contact_match_type',
        field: 'contact_match_type',
        rule: 'enum',
        message: 'contact_match_type: must be one of DISABLE, MATCH_EXACTLY, MATCH_LENGTH',
      },
    ]);
  });

  it('names a read-only field as read-only and an unknown one with a suggestion', () => {
    const result = validateTenantUpdate({ max_extensions: 5, enable_billing: true, nmae: 'Acme' });
    expect(result.violations).toEqual(
      expect.arrayContaining([
        {
          path: '/max_extensions',
          field: 'max_extensions',
          rule: 'readOnly',
          message: 'max_extensions: is read-only and cannot be set',
        },
        {
          path: '/enable_billing',
          field: 'enable_billing',
          rule: 'readOnly',
          message: 'enable_billing: is read-only and cannot be set',
        },
        {
          path: '/nmae',
          field: 'nmae',
          rule: 'additionalProperties',
          message: 'nmae: is not a settable field (did you mean "name"?)',
        },
      ]),
    );
  });

  it('rejects an empty update', () => {
    const result = validateTenantUpdate({});
    expect(result.violations).toEqual([
      { path: '', rule: 'minProperties', message: 'the update is empty: set at least one field' },
    ]);
  });

  it.each([null, [], 'name=Acme', 42])('rejects a body that is not an object: %j', (body) => {
    const result = validateTenantUpdate(body);
    expect(result.valid).toBe(false);
    expect(result.violations[0]).toMatchObject({ path: '', rule: 'type' });
  });

  it('suggests the right case for an enum value', () => {
    const [violation] = validateTenantUpdate({ currency: 'usd' }).violations;
    expect(violation?.message).toContain('did you mean "USD"?');
  });

  it('treats __proto__ and constructor as the unknown keys they are', () => {
    const result = validateTenantUpdate(JSON.parse('{"__proto__": {"admin": true}, "constructor": 1}'));
    expect(result.violations.map((v) => v.field).sort()).toEqual(['__proto__', 'constructor']);
  });

  it('never echoes the rejected value (it may be a secret)', () => {
    const secret = 'TOP-SECRET-KEY-MATERIAL';
    const result = validateTenantUpdate({ stir_shaken_key: [secret], name: secret.repeat(100) });
    expect(JSON.stringify(result.violations)).not.toContain(secret);
  });

  it('accepts a full valid update and returns it unchanged (no defaults, no coercion)', () => {
    const patch = { name: 'Acme', enable_audio_recording: true, recording_retention: 90, region: 'DEU' };
    const result = validateTenantUpdate(patch);
    expect(result).toEqual({ valid: true, value: patch, violations: [] });
  });
});

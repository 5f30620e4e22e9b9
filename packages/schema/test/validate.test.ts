import { beforeAll, describe, expect, it } from 'vitest';
import { tenantFieldNames } from '../src/index.js';
import { schemaValidator, validateTenant, validateTenantUpdate, validateValue } from '../src/validate.js';

// Validators are compiled once and kept: compiling them before the tests makes every test check the
// compiled code (mutation testing attributes code run inside a test to that test only).
beforeAll(() => {
  validateTenantUpdate({});
  validateTenant({});
});

describe('validateTenantUpdate', () => {
  it('accepts a valid update and returns it unchanged (no defaults, no coercion)', () => {
    const patch = { name: 'Acme', enable_audio_recording: true, recording_retention: 90, region: 'DEU' };
    expect(validateTenantUpdate(patch)).toEqual({ valid: true, value: patch, violations: [] });
    const result = validateTenantUpdate(patch);
    expect(result.valid && result.value).toBe(patch);
  });

  it('reports every violation at once', () => {
    const result = validateTenantUpdate({ name: '', recording_retention: 0, region: 'US', colour: 'red' });
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => v.field).sort()).toEqual([
      'colour',
      'name',
      'recording_retention',
      'region',
    ]);
  });

  it.each([null, [], 'name=Acme', 42, true])('rejects a body that is not an object: %j', (body) => {
    const result = validateTenantUpdate(body);
    expect(result.valid).toBe(false);
    expect(result.violations).toEqual([{ path: '', rule: 'type', message: 'the body: must be an object' }]);
  });

  it('treats __proto__ and constructor as the unknown keys they are', () => {
    const result = validateTenantUpdate(JSON.parse('{"__proto__": {"admin": true}, "constructor": 1}'));
    expect(result.violations.map((v) => [v.field, v.rule])).toEqual([
      ['__proto__', 'additionalProperties'],
      ['constructor', 'additionalProperties'],
    ]);
  });

  it('accepts line breaks in a certificate but not in a name', () => {
    expect(validateTenantUpdate({ stir_shaken_cert: 'a\r\nb\tc\n' }).valid).toBe(true);
    expect(validateTenantUpdate({ name: 'a\nb' }).valid).toBe(false);
    expect(validateTenantUpdate({ stir_shaken_cert: 'a\u0007b' }).valid).toBe(false);
  });
});

describe('validateTenant (responses are checked leniently)', () => {
  it('accepts fields it does not know: the vendor adds them over time', () => {
    expect(
      validateTenant({ name: 'Acme', call_recording_vault: { mon: '9-17' }, max_ai_agents: [] }),
    ).toMatchObject({
      valid: true,
    });
  });

  it('accepts null for every field (blank, as the vendor sends it)', () => {
    const allNull = Object.fromEntries(tenantFieldNames().map((name) => [name, null]));
    expect(Object.keys(allNull)).toHaveLength(50);
    expect(validateTenant(allNull).valid).toBe(true);
  });

  it('still checks the known fields, read-only ones included', () => {
    const result = validateTenant({
      max_extensions: -1,
      avatar_file_size: -2,
      contact_match_type: 'SOMETIMES',
    });
    expect(result.violations.map((v) => [v.field, v.rule])).toEqual([
      ['max_extensions', 'minimum'],
      ['contact_match_type', 'enum'],
      ['avatar_file_size', 'minimum'],
    ]);
  });

  it('rejects a body that is not an object', () => {
    expect(validateTenant([]).valid).toBe(false);
    expect(validateTenant('tenant').valid).toBe(false);
  });
});

describe('validateValue and schemaValidator', () => {
  it("check a value against any of the spec's named schemas", () => {
    expect(validateValue('EntityTagList', '"a", W/"b"').valid).toBe(true);
    expect(validateValue('EntityTagList', '*').valid).toBe(true);
    expect(validateValue('EntityTagList', '').valid).toBe(false);
    expect(validateValue('KnownErrorCode', 'VALIDATE_FAILED').valid).toBe(true);
  });

  it('compile each schema once', () => {
    expect(schemaValidator('TenantUpdate')).toBe(schemaValidator('TenantUpdate'));
    expect(schemaValidator('Tenant')).not.toBe(schemaValidator('TenantUpdate'));
  });

  it('refuse a schema the spec does not have', () => {
    expect(() => schemaValidator('Nope')).toThrow();
  });
});

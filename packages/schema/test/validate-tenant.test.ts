import { describe, expect, it } from 'vitest';
import { tenantFieldNames, validateTenant } from '../src/index.js';

describe('validateTenant (responses are checked leniently)', () => {
  it('accepts fields it does not know: the vendor adds them over time', () => {
    const result = validateTenant({ name: 'Acme', office_hours: { mon: '9-17' }, outbound_caller_ids: [] });
    expect(result.valid).toBe(true);
  });

  it('accepts null for every field (blank, as the vendor sends it)', () => {
    const allNull = Object.fromEntries(tenantFieldNames().map((name) => [name, null]));
    expect(Object.keys(allNull)).toHaveLength(42);
    expect(validateTenant(allNull).valid).toBe(true);
  });

  it('still checks the known fields', () => {
    const result = validateTenant({
      max_extensions: 'many',
      contact_match_type: 'SOMETIMES',
      timezone: 'Mars/Phobos',
    });
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => [v.field, v.rule])).toEqual([
      ['timezone', 'enum'],
      ['max_extensions', 'type'],
      ['contact_match_type', 'enum'],
    ]);
  });

  it('rejects a body that is not an object', () => {
    expect(validateTenant([]).valid).toBe(false);
    expect(validateTenant('tenant').valid).toBe(false);
  });
});

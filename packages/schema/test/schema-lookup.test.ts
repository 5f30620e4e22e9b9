import { describe, expect, it } from 'vitest';
import { definition, flatten, resolveRef } from '../src/schema-lookup.js';

describe('schema lookup', () => {
  it('finds named schemas, and refuses unknown ones', () => {
    expect(definition('TenantUpdate').additionalProperties).toBe(false);
    expect(() => definition('Nope')).toThrow('the spec has no schema Nope');
  });

  it('resolves local refs, unescaping ~1 and ~0', () => {
    expect(resolveRef('#/$defs/RetentionDays')).toMatchObject({ type: 'integer', minimum: 1 });
    expect(resolveRef('#/$defs/TenantUpdate/properties/name')).toMatchObject({
      minLength: 1,
      maxLength: 1024,
    });
    expect(() => resolveRef('#/$defs/Nope')).toThrow('dangling $ref #/$defs/Nope');
    expect(() => resolveRef('https://example.com/schema')).toThrow(
      'unsupported $ref https://example.com/schema',
    );
  });

  it('flattens a ref with siblings (the siblings win) and a nullable anyOf', () => {
    const retention = flatten(definition('Tenant').properties?.recording_retention ?? {});
    expect(retention).toMatchObject({
      type: 'integer',
      minimum: 1,
      format: 'int32',
      description: 'The retention period in days of recordings.',
      nullable: true,
    });
    const name = flatten(definition('TenantUpdate').properties?.name ?? {});
    expect(name).toMatchObject({
      type: 'string',
      minLength: 1,
      description: 'The name of the tenant.',
      nullable: false,
    });
  });

  it('flattens a type list with null', () => {
    expect(flatten({ type: ['integer', 'null'] })).toEqual({ type: 'integer', nullable: true });
    expect(flatten({ type: ['integer', 'string'] })).toEqual({
      type: ['integer', 'string'],
      nullable: false,
    });
  });
});

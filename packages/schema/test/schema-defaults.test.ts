// Defaults read from the spec, for a schema with some (the list query) and one with none.
import { describe, expect, it } from 'vitest';
import { schemaDefaults } from '../src/index.js';

describe('schemaDefaults', () => {
  it("gives the defaults of GET /tenants' query: the first page of 100", () => {
    expect(schemaDefaults('TenantListQuery')).toEqual({ skip: 0, top: 100 });
  });

  it('follows a $ref to the default of the property it names', () => {
    expect(schemaDefaults('TenantCreate')).toMatchObject({ enabled: true, max_extensions: 1000 });
  });

  it('leaves out properties without a default, and refuses a schema the spec does not have', () => {
    expect(schemaDefaults('TenantCreated')).toEqual({});
    expect(() => schemaDefaults('NoSuchSchema')).toThrow('the spec has no schema NoSuchSchema');
  });
});

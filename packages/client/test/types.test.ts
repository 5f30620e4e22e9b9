// Type tests: checked by `tsc --noEmit` (the typecheck task) and run as assertions by vitest.
import type { Tenant, TenantUpdate } from '@tenantctl/schema';
import { describe, expectTypeOf, it } from 'vitest';
import { type CheckedTenantUpdate, createTenantClient, type TenantErrorKind } from '../src/index.js';

const client = createTenantClient({ baseUrl: 'http://127.0.0.1:1/api', token: 't', retry: false });

describe('types', () => {
  it('getTenant() is typed Tenant', () => {
    expectTypeOf(client.getTenant).returns.resolves.toEqualTypeOf<Tenant>();
    expectTypeOf<Tenant['recording_retention']>().toEqualTypeOf<number | null | undefined>();
  });

  it('updateTenant takes a TenantUpdate', () => {
    expectTypeOf(client.updateTenant).parameter(0).toEqualTypeOf<TenantUpdate | CheckedTenantUpdate>();
    const send = (patch: TenantUpdate) => patch;
    send({ recording_retention: 90, contact_match_type: 'MATCH_LENGTH', timezone: 'Europe/Berlin' });
    // @ts-expect-error a wrong field type does not compile
    send({ recording_retention: '90' });
    // @ts-expect-error an unknown field does not compile
    send({ nmae: 'Acme' });
    // @ts-expect-error a read-only field does not compile
    send({ max_extensions: 5 });
    // @ts-expect-error a value outside an enum does not compile
    send({ contact_match_type: 'SOMETIMES' });
    // @ts-expect-error a time zone that does not exist does not compile
    send({ timezone: 'Mars/Phobos' });
  });

  it('token and getToken are exclusive', () => {
    // @ts-expect-error both a token and getToken
    createTenantClient({ baseUrl: 'http://x/api', token: 't', getToken: () => 't' });
    // @ts-expect-error neither
    createTenantClient({ baseUrl: 'http://x/api' });
  });

  it('error kinds are a closed list', () => {
    expectTypeOf<TenantErrorKind>().toEqualTypeOf<
      | 'auth'
      | 'forbidden'
      | 'not-found'
      | 'sign-in'
      | 'validation'
      | 'conflict'
      | 'throttled'
      | 'http'
      | 'response'
      | 'network'
      | 'timeout'
    >();
  });
});

// Consumer contract of the tenant collection: what the real client needs from `/tenants…` and
// `/tenant/status`, for each role (the roles are provider states; ids come from them).
import { MatchersV3 } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenantClient, TenantForbiddenError, TenantNotFoundError } from '../../src/index.js';
import { afterMatched, createPact, DEALER_TOKEN, SYSTEM_ADMIN_TOKEN, VALID_TOKEN } from './pact-setup.js';

const { like, regex, integer, boolean, eachLike, string, fromProviderState } = MatchersV3;

const bearer = (token: string) => regex(/^Bearer [\x21-\x7e]+$/, `Bearer ${token}`);
const jsonContentType = regex(/^application\/json(;.*)?$/, 'application/json; charset=utf-8');
const EXAMPLE_ID = 'NzAwNTUxOTA5NzczMTQ4MTYw';
/** A path of the tenant the provider state made (its id is the provider's), with an example for the mock. */
const tenantPath = (suffix = '') =>
  fromProviderState(`/api/tenants/\${tenantId}${suffix}`, `/api/tenants/${EXAMPLE_ID}${suffix}`);
const summary = {
  id: string(EXAMPLE_ID),
  name: string('Pact Shop'),
  enabled: boolean(true),
  max_extensions: integer(1000),
};

const pact = createPact();
const clientFor = (url: string, token: string) =>
  createTenantClient({ baseUrl: `${url}/api`, token, retry: false });
const SYSTEM_ADMIN = 'a system administrator is signed in, and a tenant exists';

beforeAll(async () => {
  // Compile the validators first (see tenant-api.pact.test.ts).
  (await import('@tenantctl/schema/validate')).validateValue('TenantCreate', { name: 'warm-up' });
});

describe('tenant collection consumer contract', () => {
  it('lists a page of tenants for a system administrator', async () => {
    await pact
      .addInteraction()
      .given(SYSTEM_ADMIN)
      .uponReceiving('a request for a page of tenants')
      .withRequest('GET', '/api/tenants', (builder) =>
        builder.headers({ Authorization: bearer(SYSTEM_ADMIN_TOKEN) }).query({ skip: '0', top: '10' }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody({ count: integer(2), items: eachLike(summary) }),
      )
      .executeTest(
        afterMatched(async (server) => {
          const page = await clientFor(server.url, SYSTEM_ADMIN_TOKEN).listTenantsPage({ skip: 0, top: 10 });
          expect(page.count).toBe(2);
          expect(page.items[0]?.name).toBe('Pact Shop');
        }),
      );
  });

  it("lists a dealer's own tenants", async () => {
    await pact
      .addInteraction()
      .given('a dealer is signed in, with a tenant of its own')
      .uponReceiving("a dealer's request for its tenants")
      .withRequest('GET', '/api/tenants', (builder) =>
        builder.headers({ Authorization: bearer(DEALER_TOKEN) }).query({ search: 'pact dealer', skip: '0' }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody({ count: 1, items: eachLike({ ...summary, name: string('Pact Dealer Shop') }) }),
      )
      .executeTest(
        afterMatched(async (server) => {
          const names: string[] = [];
          for await (const tenant of clientFor(server.url, DEALER_TOKEN).listTenants({
            search: 'pact dealer',
          })) {
            names.push(String(tenant.name));
          }
          expect(names).toEqual(['Pact Dealer Shop']);
        }),
      );
  });

  it("refuses a tenant's admin the collection (403, its own kind)", async () => {
    await pact
      .addInteraction()
      .given('a tenant exists')
      .uponReceiving("a tenant admin's request for the tenants")
      .withRequest('GET', '/api/tenants', (builder) =>
        builder.headers({ Authorization: bearer(VALID_TOKEN) }).query({ skip: '0' }),
      )
      .willRespondWith(403, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody({
          errors: eachLike({
            code: 'FORBIDDEN',
            message: string('Only a SystemAdmin or a Dealer may use /tenants'),
          }),
        }),
      )
      .executeTest(
        afterMatched(async (server) => {
          const error = await clientFor(server.url, VALID_TOKEN)
            .listTenants()
            .next()
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(TenantForbiddenError);
        }),
      );
  });

  it('creates a tenant', async () => {
    await pact
      .addInteraction()
      .given(SYSTEM_ADMIN)
      .uponReceiving('a new tenant')
      .withRequest('POST', '/api/tenants', (builder) =>
        builder
          .headers({ Authorization: bearer(SYSTEM_ADMIN_TOKEN), 'Content-Type': jsonContentType })
          .jsonBody({ name: 'Shop Berlin', timezone: 'Europe/Berlin', max_extensions: 50 }),
      )
      .willRespondWith(201, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody({ id: string(EXAMPLE_ID) }),
      )
      .executeTest(
        afterMatched(async (server) => {
          const created = await clientFor(server.url, SYSTEM_ADMIN_TOKEN).createTenant({
            name: 'Shop Berlin',
            timezone: 'Europe/Berlin',
            max_extensions: 50,
          });
          expect(created.id).toBe(EXAMPLE_ID);
        }),
      );
  });

  it('reads a tenant by id with its ETag', async () => {
    await pact
      .addInteraction()
      .given(SYSTEM_ADMIN)
      .uponReceiving('a request for a tenant by id')
      .withRequest('GET', tenantPath(), (builder) =>
        builder.headers({ Authorization: bearer(SYSTEM_ADMIN_TOKEN) }),
      )
      .willRespondWith(200, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType, ETag: regex(/^(W\/)?".*"$/, '"1-abc"') }).jsonBody(
          like({
            id: string(EXAMPLE_ID),
            name: string('Pact Shop'),
            enabled: boolean(true),
            max_extensions: integer(1000),
            created_at: regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, '2026-12-01T08:30:00.000Z'),
          }),
        ),
      )
      .executeTest(
        afterMatched(async (server) => {
          const { tenant, etag } = await clientFor(server.url, SYSTEM_ADMIN_TOKEN).getTenantByIdWithETag(
            EXAMPLE_ID,
          );
          expect(tenant.name).toBe('Pact Shop');
          expect(etag).toBe('"1-abc"');
        }),
      );
  });

  it('is told that an id it may not see does not exist (404, its own kind)', async () => {
    await pact
      .addInteraction()
      .given(SYSTEM_ADMIN)
      .uponReceiving('a request for a tenant that does not exist')
      .withRequest('GET', '/api/tenants/AAAAAAAAAAAAAAAAAAAAAAAA', (builder) =>
        builder.headers({ Authorization: bearer(SYSTEM_ADMIN_TOKEN) }),
      )
      .willRespondWith(404, (builder) =>
        builder.headers({ 'Content-Type': jsonContentType }).jsonBody({
          errors: eachLike({ code: 'NOT_FOUND', message: string('No tenant with that id.') }),
        }),
      )
      .executeTest(
        afterMatched(async (server) => {
          const error = await clientFor(server.url, SYSTEM_ADMIN_TOKEN)
            .getTenantById('AAAAAAAAAAAAAAAAAAAAAAAA')
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(TenantNotFoundError);
        }),
      );
  });

  it('updates a tenant by id with system-side fields', async () => {
    await pact
      .addInteraction()
      .given(SYSTEM_ADMIN)
      .uponReceiving('an update of a tenant by id')
      .withRequest('POST', tenantPath(), (builder) =>
        builder
          .headers({ Authorization: bearer(SYSTEM_ADMIN_TOKEN), 'Content-Type': jsonContentType })
          .jsonBody({ max_extensions: 50, enable_audio_recording: true }),
      )
      .willRespondWith(200, (builder) => builder.headers({ ETag: regex(/^(W\/)?".*"$/, '"2-abc"') }))
      .executeTest(
        afterMatched(async (server) => {
          const { etag } = await clientFor(server.url, SYSTEM_ADMIN_TOKEN).updateTenantById(EXAMPLE_ID, {
            max_extensions: 50,
            enable_audio_recording: true,
          });
          expect(etag).toBe('"2-abc"');
        }),
      );
  });

  it('deletes a tenant', async () => {
    await pact
      .addInteraction()
      .given(SYSTEM_ADMIN)
      .uponReceiving('a request to delete a tenant')
      .withRequest('POST', tenantPath('/destroy'), (builder) =>
        builder.headers({ Authorization: bearer(SYSTEM_ADMIN_TOKEN) }),
      )
      .willRespondWith(204)
      .executeTest(
        afterMatched(async (server) => {
          await clientFor(server.url, SYSTEM_ADMIN_TOKEN).deleteTenant(EXAMPLE_ID);
        }),
      );
  });

  it("reads the current tenant's status with the PBX's version", async () => {
    await pact
      .addInteraction()
      .given('a tenant exists')
      .uponReceiving('a request for the tenant status')
      .withRequest('GET', '/api/tenant/status', (builder) =>
        builder.headers({ Authorization: bearer(VALID_TOKEN) }),
      )
      .willRespondWith(200, (builder) =>
        builder
          .headers({ 'Content-Type': jsonContentType })
          .jsonBody(
            like({ version: string('22.3.2'), current_users: integer(0), licensed_users: integer(1000) }),
          ),
      )
      .executeTest(
        afterMatched(async (server) => {
          const status = await clientFor(server.url, VALID_TOKEN).tenantStatus();
          expect(status.version).toBe('22.3.2');
        }),
      );
  });
});

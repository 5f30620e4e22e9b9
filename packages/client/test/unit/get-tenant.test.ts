import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantClient, TenantResponseError } from '../../src/index.js';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

describe('getTenant', () => {
  it('returns the tenant, unknown fields and null blanks included', async () => {
    const tenant = { name: 'Acme', stir_shaken_key: null, office_hours: { mon: '9-17' } };
    server.script({ status: 200, body: tenant, headers: { ETag: '"v1"' } });
    const client = createTenantClient({
      baseUrl: server.baseUrl,
      token: 'tok-1',
      userAgent: 'tenantctl-test/1',
    });
    expect(await client.getTenant()).toEqual(tenant);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/api/tenant' });
    expect(server.received[0]?.headers.authorization).toBe('Bearer tok-1');
    expect(server.received[0]?.headers['user-agent']).toBe('tenantctl-test/1');
  });

  it('returns the ETag with getTenantWithETag', async () => {
    server.script({ status: 200, body: { name: 'Acme' }, headers: { ETag: '"v7"' } });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 't' });
    expect(await client.getTenantWithETag()).toEqual({ tenant: { name: 'Acme' }, etag: '"v7"' });
  });

  it('tolerates trailing slashes in baseUrl', async () => {
    server.script({ status: 200, body: {} });
    await createTenantClient({ baseUrl: `${server.baseUrl}//`, token: 't' }).getTenant();
    expect(server.received[0]?.url).toBe('/api/tenant');
  });

  it.each([
    ['not JSON', '<html>oops</html>'],
    ['an array', '[1,2]'],
    ['a string', '"tenant"'],
    ['JSON null', 'null'],
    ['empty', ''],
  ])('rejects a body that is %s', async (_what, body) => {
    server.script({ status: 200, body, headers: { 'Content-Type': 'text/plain' } });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 't', retry: false });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantResponseError);
    expect(error).toMatchObject({ status: 200, method: 'GET' });
  });

  it('keeps the raw openapi-fetch client reachable, with the same auth', async () => {
    server.script({ status: 200, body: { name: 'Raw' } });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 'raw-token' });
    const { data } = await client.raw.GET('/tenant');
    expect(data).toEqual({ name: 'Raw' });
    expect(server.received[0]?.headers.authorization).toBe('Bearer raw-token');
  });
});

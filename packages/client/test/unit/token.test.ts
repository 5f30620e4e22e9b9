import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTenantClient, TenantAuthError } from '../../src/index.js';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const unauthorized = { status: 401, body: { errors: [{ code: 'UNAUTHORIZED', message: 'expired' }] } };

describe('tokens', () => {
  it('calls getToken for every request (sync or async)', async () => {
    server.script({ status: 200, body: {} });
    let n = 0;
    const getToken = vi.fn(async () => `token-${++n}`);
    const client = createTenantClient({ baseUrl: server.baseUrl, getToken });
    await client.getTenant();
    await client.updateTenant({ name: 'Acme' });
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(getToken).toHaveBeenNthCalledWith(1, { refresh: false });
    expect(server.received.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('after a 401, asks getToken for a fresh token once and replays the request', async () => {
    server.script(unauthorized, { status: 200, body: { name: 'Acme' } });
    const getToken = vi.fn(({ refresh }: { refresh: boolean }) => (refresh ? 'fresh' : 'stale'));
    const client = createTenantClient({ baseUrl: server.baseUrl, getToken });
    expect(await client.updateTenant({ name: 'Acme' })).toEqual({ etag: undefined });
    expect(getToken.mock.calls).toEqual([[{ refresh: false }], [{ refresh: true }]]);
    expect(server.received.map((r) => [r.headers.authorization, r.body])).toEqual([
      ['Bearer stale', '{"name":"Acme"}'],
      ['Bearer fresh', '{"name":"Acme"}'],
    ]);
  });

  it('gives up with TenantAuthError when the fresh token is refused too (no loop)', async () => {
    server.script(unauthorized);
    const getToken = vi.fn(() => 'whatever');
    const client = createTenantClient({ baseUrl: server.baseUrl, getToken });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantAuthError);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(server.received).toHaveLength(2);
  });

  it('does not replay after a 401 when the token is a fixed string', async () => {
    server.script(unauthorized);
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 'fixed' });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantAuthError);
    expect(server.received).toHaveLength(1);
  });

  it('a getToken that throws is an auth error and sends nothing', async () => {
    server.script({ status: 200, body: {} });
    const client = createTenantClient({
      baseUrl: server.baseUrl,
      getToken: () => {
        throw new Error('login failed');
      },
    });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAuthError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(server.received).toHaveLength(0);
  });
});

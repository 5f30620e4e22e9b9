// Each error class, from a real HTTP exchange, and the token never showing in any of them.
import { inspect } from 'node:util';
import { freePort } from '@tenantctl/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantClient,
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  TenantHttpError,
  TenantNetworkError,
  TenantTimeoutError,
} from '../../src/index.js';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'canary-token-5f1e2d';
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function expectNoToken(error: unknown): void {
  for (const text of [
    String(error),
    (error as Error).message,
    (error as Error).stack,
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
  ]) {
    expect(text).not.toContain(TOKEN);
  }
}

const errorBody = (code: string, message: string) => ({ errors: [{ code, message }] });

describe('errors', () => {
  it.each([
    [401, TenantAuthError],
    [403, TenantAuthError],
    [412, TenantConflictError],
    [404, TenantHttpError],
    [500, TenantHttpError],
  ])('%i → %o', async (status, errorClass) => {
    server.script({ status, body: errorBody('UNAUTHORIZED', 'nope') });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, retry: false });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(TenantApiError);
    expect(error).toMatchObject({
      status,
      method: 'GET',
      url: `${server.baseUrl}/tenant`,
      codes: ['UNAUTHORIZED'],
    });
    expect((error as Error).message).toContain(String(status));
    expectNoToken(error);
  });

  it('412 is also a TenantHttpError', async () => {
    server.script({ status: 412, body: errorBody('PRECONDITION_FAILED', 'stale') });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN });
    const error = await client.updateTenant({ name: 'x' }, { ifMatch: '"old"' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantHttpError);
    expect(error).toBeInstanceOf(TenantConflictError);
  });

  it('a refused connection → TenantNetworkError', async () => {
    const client = createTenantClient({
      baseUrl: `http://127.0.0.1:${await freePort()}/api`,
      token: TOKEN,
      retry: false,
    });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantNetworkError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as TenantNetworkError).status).toBeUndefined();
    expectNoToken(error);
  });

  it('a connection closed without an answer → TenantNetworkError', async () => {
    server.script({ status: 200, destroy: true });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, retry: false });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantNetworkError);
  });

  it('no answer within timeoutMs → TenantTimeoutError', async () => {
    server.script({ status: 200, hang: true });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 150 });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantTimeoutError);
    expect((error as Error).message).toContain('150 ms');
    expect(server.received).toHaveLength(1); // a timeout is not retried
    expectNoToken(error);
  });

  it("the caller's AbortSignal cancels the request (an abort, not a timeout)", async () => {
    server.script({ status: 200, hang: true });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = client.getTenant({ signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('user gave up')), 50);
    const error = await pending;
    expect(error).not.toBeInstanceOf(TenantTimeoutError);
    expect((error as Error).message).toBe('user gave up');
  });

  it('refuses a baseUrl with credentials without quoting them', () => {
    const create = () => createTenantClient({ baseUrl: `http://user:${TOKEN}@127.0.0.1:1/api`, token: 'x' });
    expect(create).toThrow(/must not hold credentials/);
    expect(create).not.toThrow(new RegExp(TOKEN));
  });

  it('refuses a baseUrl that is not an absolute URL', () => {
    expect(() => createTenantClient({ baseUrl: 'pbx.example.com/api', token: 'x' })).toThrow(
      /not an absolute URL/,
    );
  });

  it('a token that cannot be sent is refused without quoting it, and nothing is sent', async () => {
    server.script({ status: 200, body: {} });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: `${TOKEN}\r\nX-Evil: 1` });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAuthError);
    expectNoToken(error);
    expect(server.received).toHaveLength(0);
  });
});

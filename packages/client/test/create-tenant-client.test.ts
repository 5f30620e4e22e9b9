// The typed client against a scripted HTTP server on loopback: what it sends, what it makes of answers.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS } from '../src/create-tenant-client.js';
import {
  checkTenantUpdate,
  createTenantClient,
  type FetchFunction,
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  TenantForbiddenError,
  TenantHttpError,
  TenantNotFoundError,
  TenantResponseError,
  TenantValidationError,
  tenantErrorFromResponse,
} from '../src/index.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

const TOKEN = 'canary-token-5f1e2d';
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const client = (extra: Partial<Parameters<typeof createTenantClient>[0]> = {}) =>
  createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, retry: false, ...extra } as never);

function expectNoToken(error: unknown): void {
  for (const text of [
    String(error),
    (error as Error).stack,
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
  ]) {
    expect(text).not.toContain(TOKEN);
  }
}

describe('createTenantClient', () => {
  it('refuses a baseUrl with credentials, a user name alone included, without quoting them', () => {
    for (const baseUrl of [`http://user:${TOKEN}@127.0.0.1:1/api`, `http://${TOKEN}@127.0.0.1:1/api`]) {
      const create = () => createTenantClient({ baseUrl, token: 'x' });
      expect(create).toThrow('baseUrl must not hold credentials: pass the token as `token` or `getToken`');
      expect(create).not.toThrow(new RegExp(TOKEN));
    }
  });

  it('refuses a baseUrl that is not an absolute URL', () => {
    expect(() => createTenantClient({ baseUrl: 'pbx.example.com/api', token: 'x' })).toThrow(
      'baseUrl is not an absolute URL (expected e.g. https://pbx.example.com/api)',
    );
  });

  it('waits 30 s per attempt by default', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });
});

describe('getTenant', () => {
  it('returns the tenant, unknown fields and null blanks included, sending the token and user agent', async () => {
    const tenant = { name: 'Acme', stir_shaken_key: null, office_hours: { mon: '9-17' } };
    server.script({ status: 200, body: tenant, headers: { ETag: '"v1"' } });
    expect(await client({ userAgent: 'tenantctl-test/1' }).getTenant()).toEqual(tenant);
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/api/tenant', body: '' });
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.received[0]?.headers['user-agent']).toBe('tenantctl-test/1');
  });

  it('returns the ETag with getTenantWithETag, undefined when the server sends none', async () => {
    server.script({ status: 200, body: { name: 'Acme' }, headers: { ETag: '"v7"' } });
    expect(await client().getTenantWithETag()).toEqual({ tenant: { name: 'Acme' }, etag: '"v7"' });
    server.script({ status: 200, body: { name: 'Acme' } });
    expect(await client().getTenantWithETag()).toEqual({ tenant: { name: 'Acme' }, etag: undefined });
  });

  it('tolerates trailing slashes in baseUrl', async () => {
    server.script({ status: 200, body: {} });
    await client({ baseUrl: `${server.baseUrl}//` }).getTenant();
    expect(server.received[0]?.url).toBe('/api/tenant');
  });

  it.each([
    ['not JSON', '<html>oops</html>', '200: the tenant is not valid JSON'],
    ['an array', '[1,2]', '200: the tenant is not a JSON object'],
    ['a string', '"tenant"', '200: the tenant is not a JSON object'],
    ['JSON null', 'null', '200: the tenant is not a JSON object'],
    ['empty', '', '200: the tenant is not valid JSON'],
  ])('rejects a body that is %s', async (_what, body, message) => {
    server.script({ status: 200, body, headers: { 'Content-Type': 'text/plain' } });
    const error = await client()
      .getTenant()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantResponseError);
    expect(error).toMatchObject({ status: 200, method: 'GET', url: `${server.baseUrl}/tenant`, message });
  });
});

describe('errors from answers', () => {
  const errorBody = (code: string, message: string) => ({ errors: [{ code, message }] });

  it.each([
    [401, TenantAuthError, '401: the server rejected the token: nope'],
    [403, TenantForbiddenError, '403: this account may not do that: nope'],
    [400, TenantValidationError, '400: the server refused the request: nope'],
    [422, TenantValidationError, '422: the server refused the request: nope'],
    [412, TenantConflictError, '412: the tenant was changed by someone else since it was read: nope'],
    [404, TenantNotFoundError, '404: not found: nope'],
    [500, TenantHttpError, '500: the server answered with an error: nope'],
  ])('%i → %o with the message, the request, and no token', async (status, errorClass, message) => {
    server.script({ status, body: errorBody('UNAUTHORIZED', 'nope') });
    const error = await client()
      .getTenant()
      .catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(errorClass);
    expect(error).toBeInstanceOf(TenantApiError);
    expect(error).toMatchObject({
      status,
      method: 'GET',
      url: `${server.baseUrl}/tenant`,
      codes: ['UNAUTHORIZED'],
      errors: [{ code: 'UNAUTHORIZED', message: 'nope' }],
      message,
    });
    expectNoToken(error);
  });

  it('says only the status when the body says nothing', async () => {
    server.script({ status: 500, body: '<html>boom</html>', headers: { 'Content-Type': 'text/html' } });
    const error = await client()
      .getTenant()
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('500: the server answered with an error');
  });

  it('joins several messages of the server', async () => {
    server.script({
      status: 400,
      body: {
        errors: [
          { code: 'A', message: 'one' },
          { code: 'B', message: 'two' },
        ],
      },
    });
    const error = await client()
      .updateTenant({ name: 'x' })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('400: the server refused the request: one; two');
  });

  it('names the URL that was requested, even when the fetch builds its own Response (no Response.url)', async () => {
    const handMade: FetchFunction = async () =>
      new Response('{"errors":[{"code":"UNKNOWN","message":"internal"}]}', { status: 500 });
    const error = await client({ fetch: handMade })
      .getTenant()
      .catch((e: unknown) => e);
    expect((error as TenantHttpError).url).toBe(`${server.baseUrl}/tenant`);
    expect(error).toMatchObject({
      method: 'GET',
      message: '500: the server answered with an error: internal',
    });
  });

  it('tenantErrorFromResponse maps a raw call the same way, with the request it is told of', async () => {
    server.script({ status: 412, body: errorBody('PRECONDITION_FAILED', 'stale') });
    const raw = client().raw;
    const { response, error } = await raw.POST('/tenant', { body: { name: 'x' } });
    const mapped = tenantErrorFromResponse(response, error, {
      method: 'POST',
      url: `http://user:pw@pbx.test/api/tenant?x=1`,
    });
    expect(mapped).toBeInstanceOf(TenantConflictError);
    expect(mapped).toMatchObject({
      method: 'POST',
      url: 'http://pbx.test/api/tenant',
      codes: ['PRECONDITION_FAILED'],
    });
  });
});

describe('updateTenant', () => {
  it('sends the patch as JSON with If-Match and returns the new ETag', async () => {
    server.script({ status: 200, headers: { ETag: '"v2"' } });
    const result = await client().updateTenant({ recording_retention: 90 }, { ifMatch: '"v1"' });
    expect(result).toEqual({ etag: '"v2"' });
    expect(server.received[0]).toMatchObject({
      method: 'POST',
      url: '/api/tenant',
      body: '{"recording_retention":90}',
    });
    expect(server.received[0]?.headers['content-type']).toMatch(/^application\/json/);
    expect(server.received[0]?.headers['if-match']).toBe('"v1"');
  });

  it('sends no If-Match without ifMatch', async () => {
    server.script({ status: 200 });
    expect(await client().updateTenant({ name: 'x' })).toEqual({ etag: undefined });
    expect(server.received[0]?.headers['if-match']).toBeUndefined();
  });

  it('sends a CheckedTenantUpdate as it is', async () => {
    server.script({ status: 200 });
    const checked = await checkTenantUpdate({ name: 'Checked', log_retention: 3 });
    await client().updateTenant(checked);
    expect(server.received[0]?.body).toBe('{"name":"Checked","log_retention":3}');
  });

  it.each([
    ['a bad value', { recording_retention: 0 }, ['/recording_retention']],
    ['several bad values', { name: '', region: 'US' }, ['/name', '/region']],
    ['a read-only field', { max_extensions: 5 }, ['/max_extensions']],
    ['an unknown field', { nmae: 'Acme' }, ['/nmae']],
    ['nothing', {}, ['']],
  ])('rejects %s before sending anything', async (_what, patch, paths) => {
    server.script({ status: 200 });
    const error = await client()
      .updateTenant(patch as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    expect((error as TenantValidationError).violations.map((v) => v.path)).toEqual(paths);
    expect((error as TenantValidationError).status).toBeUndefined();
    expect(server.received).toHaveLength(0);
  });

  it('reads a server VALIDATE_FAILED as violations, an unknown code as UNKNOWN', async () => {
    server.script({
      status: 400,
      body: {
        errors: [
          {
            code: 'VALIDATE_FAILED',
            message: 'domain: already used',
            detail: { path: '/domain', rule: 'unique' },
          },
          { code: 'SOMETHING_NEW', message: 'also this' },
        ],
      },
    });
    const error = (await client()
      .updateTenant({ domain: 'taken.pbx.local' })
      .catch((e: unknown) => e)) as TenantValidationError;
    expect(error).toBeInstanceOf(TenantValidationError);
    expect(error.status).toBe(400);
    expect(error.codes).toEqual(['VALIDATE_FAILED', 'UNKNOWN']);
    expect(error.errors[1]?.code).toBe('SOMETHING_NEW');
    expect(error.violations).toEqual([
      { path: '/domain', field: 'domain', rule: 'unique', message: 'domain: already used' },
    ]);
    expect(error.message).toBe('400: the server refused the request: domain: already used; also this');
  });
});

describe('raw', () => {
  it('is the openapi-fetch client, with the same auth', async () => {
    server.script({ status: 200, body: { name: 'Raw' } });
    const { data } = await client({ token: 'raw-token' }).raw.GET('/tenant');
    expect(data).toEqual({ name: 'Raw' });
    expect(server.received[0]?.headers.authorization).toBe('Bearer raw-token');
  });
});

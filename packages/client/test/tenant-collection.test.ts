// The tenant collection's calls against a scripted server: what each sends (method, path, query, body,
// headers), how it reads the answer, what it refuses to send, and which calls are never sent twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTenantUpdate,
  createTenantClient,
  type RetryEvent,
  TenantForbiddenError,
  TenantNotFoundError,
  TenantResponseError,
  TenantValidationError,
} from '../src/index.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const retries: RetryEvent[] = [];
const client = () =>
  createTenantClient({
    baseUrl: server.baseUrl,
    token: 'sys-token',
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2, onRetry: (event) => retries.push(event) },
  });
const summary = (n: number) => ({ id: `T${String(n).padStart(23, '0')}`, name: `shop-${n}` });
const page = (count: number, from: number, size: number) => ({
  count,
  items: Array.from({ length: Math.max(0, Math.min(size, count - from)) }, (_, i) => summary(from + i)),
});

describe('listTenantsPage', () => {
  it('sends the selection as the spec names it, and reads the page', async () => {
    server.script({ status: 200, body: page(3, 0, 3) });
    const got = await client().listTenantsPage({
      search: 'shop',
      filter: "enabled eq true and region eq 'DEU'",
      orderBy: 'name desc',
      skip: 0,
      top: 50,
    });
    expect(got).toEqual(page(3, 0, 3));
    const [sent] = server.received;
    const url = new URL(sent?.url ?? '', 'http://x');
    expect(sent?.method).toBe('GET');
    expect(url.pathname).toBe('/api/tenants');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search: 'shop',
      filter: "enabled eq true and region eq 'DEU'",
      orderby: 'name desc',
      skip: '0',
      top: '50',
    });
    expect(sent?.headers.authorization).toBe('Bearer sys-token');
  });

  it.each([
    [{ top: 0 }, '/top', 'minimum'],
    [{ top: 101 }, '/top', 'maximum'],
    [{ skip: -1 }, '/skip', 'minimum'],
    [{ skip: 1.5 }, '/skip', 'type'],
    [{ orderBy: 'name sideways' }, '/orderby', 'pattern'],
    [{ search: 'a'.repeat(257) }, '/search', 'maxLength'],
    [{ filter: 'x'.repeat(1025) }, '/filter', 'maxLength'],
  ])('refuses %j before sending, naming the parameter', async (options, path, rule) => {
    server.script({ status: 200, body: page(0, 0, 0) });
    const error = await client()
      .listTenantsPage(options)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    expect(error).toMatchObject({ method: 'GET', status: undefined, violations: [{ path, rule }] });
    expect(server.received).toEqual([]);
  });

  it('refuses an answer without count and items', async () => {
    server.script({ status: 200, body: { tenants: [] } });
    const error = await client()
      .listTenantsPage()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantResponseError);
    expect((error as Error).message).toBe('200: the list has no count and items');
  });
});

describe('listTenants', () => {
  it('walks every page by skip, in pages of pageSize, until count is reached', async () => {
    server.script(
      { status: 200, body: page(5, 0, 2) },
      { status: 200, body: page(5, 2, 2) },
      { status: 200, body: page(5, 4, 2) },
    );
    const names: string[] = [];
    for await (const tenant of client().listTenants({ search: 'shop', pageSize: 2 }))
      names.push(String(tenant.name));
    expect(names).toEqual(['shop-0', 'shop-1', 'shop-2', 'shop-3', 'shop-4']);
    expect(server.received.map((r) => new URL(r.url, 'http://x').search)).toEqual([
      '?search=shop&skip=0&top=2',
      '?search=shop&skip=2&top=2',
      '?search=shop&skip=4&top=2',
    ]);
  });

  it('leaves the page size to the server when none is given, and stops at an empty page', async () => {
    server.script(
      { status: 200, body: { count: 10, items: [summary(0)] } },
      { status: 200, body: { count: 10, items: [] } },
    );
    const got = [];
    for await (const tenant of client().listTenants()) got.push(tenant);
    expect(got).toHaveLength(1);
    expect(server.received.map((r) => new URL(r.url, 'http://x').search)).toEqual(['?skip=0', '?skip=1']);
  });

  it('reads nothing before it is iterated, and a 403 is its own kind', async () => {
    server.script({
      status: 403,
      body: { errors: [{ code: 'FORBIDDEN', message: 'Only a SystemAdmin or a Dealer' }] },
    });
    const tenants = client().listTenants();
    expect(server.received).toEqual([]);
    const error = await tenants.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantForbiddenError);
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, codes: ['FORBIDDEN'] });
  });
});

describe('createTenant', () => {
  it('posts the new tenant and reads its id', async () => {
    server.script({ status: 201, body: { id: 'MTIzNDU2Nzg5MDEyMzQ1Njc4' } });
    expect(await client().createTenant({ name: 'Shop Berlin', timezone: 'Europe/Berlin' })).toEqual({
      id: 'MTIzNDU2Nzg5MDEyMzQ1Njc4',
    });
    expect(server.received[0]).toMatchObject({ method: 'POST', url: '/api/tenants' });
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({
      name: 'Shop Berlin',
      timezone: 'Europe/Berlin',
    });
  });

  it('refuses a tenant without a name or with a field it cannot set, sending nothing', async () => {
    server.script({ status: 201, body: { id: 'x' } });
    const error = await client()
      .createTenant({ timezone: 'Europe/Berlin', id: 'mine' } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    expect((error as TenantValidationError).violations.map((v) => [v.path, v.rule])).toEqual([
      ['/name', 'required'],
      ['/id', 'readOnly'],
    ]);
    expect(server.received).toEqual([]);
  });

  it('is never sent twice after a network error or a gateway error, only after a 429 or 503', async () => {
    retries.length = 0;
    server.script({ destroy: true, status: 0 });
    expect(
      await client()
        .createTenant({ name: 'A' })
        .catch((e: unknown) => e),
    ).toMatchObject({ kind: 'network' });
    expect(server.received).toHaveLength(1);
    server.script({ status: 502 });
    expect(
      await client()
        .createTenant({ name: 'A' })
        .catch((e: unknown) => e),
    ).toMatchObject({ status: 502 });
    expect(server.received).toHaveLength(1);
    server.script(
      { status: 503, headers: { 'Retry-After': '0' } },
      { status: 201, body: { id: 'TWFkZUl0' } },
    );
    expect(await client().createTenant({ name: 'A' })).toEqual({ id: 'TWFkZUl0' });
    expect(server.received).toHaveLength(2);
    expect(retries.map((event) => event.reason)).toEqual([503]);
  });

  it('refuses an answer that names no id', async () => {
    server.script({ status: 201, body: {} });
    const error = await client()
      .createTenant({ name: 'A' })
      .catch((e: unknown) => e);
    expect(error).toHaveProperty('message', '201: the answer names no id');
  });
});

describe('getTenantById and updateTenantById', () => {
  const id = 'NzAwNTUxOTA5NzczMTQ4MTYw';

  it('reads a tenant by id with its ETag', async () => {
    server.script({ status: 200, headers: { ETag: '"4-abc"' }, body: { id, name: 'Acme', enabled: true } });
    expect(await client().getTenantByIdWithETag(id)).toEqual({
      tenant: { id, name: 'Acme', enabled: true },
      etag: '"4-abc"',
    });
    expect(server.received[0]).toMatchObject({ method: 'GET', url: `/api/tenants/${id}` });
    server.script({ status: 200, body: { id } });
    expect(await client().getTenantById(id)).toEqual({ id });
  });

  it('answers an id the caller may not see with its own kind', async () => {
    server.script({
      status: 404,
      body: { errors: [{ code: 'NOT_FOUND', message: 'No tenant with that id.' }] },
    });
    const error = await client()
      .getTenantById(id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantNotFoundError);
    expect(error).toMatchObject({ kind: 'not-found', url: `${server.baseUrl}/tenants/${id}` });
  });

  it('refuses an id that is not one before it reaches a URL', async () => {
    server.script({ status: 200, body: {} });
    // `..` would make the URL name another path (URL parsers resolve it, encoded or not).
    for (const bad of ['', 'a/b', '..', '.', 'x'.repeat(129), 'tab\there', "' OR 1=1 --"]) {
      const error = await client()
        .getTenantById(bad)
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(bad)).toBeInstanceOf(TenantValidationError);
    }
    expect(server.received).toEqual([]);
  });

  it('updates by id with the system-side fields and If-Match, and returns the new ETag', async () => {
    server.script({ status: 200, headers: { ETag: '"5-abc"' } });
    expect(
      await client().updateTenantById(id, { max_extensions: 50, enabled: false }, { ifMatch: '"4-abc"' }),
    ).toEqual({ etag: '"5-abc"' });
    const [sent] = server.received;
    expect(sent).toMatchObject({ method: 'POST', url: `/api/tenants/${id}` });
    expect(sent?.headers['if-match']).toBe('"4-abc"');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ max_extensions: 50, enabled: false });
  });

  it('refuses what only POST /tenant sets, and sends a checked update as it is', async () => {
    server.script({ status: 200 });
    const error = await client()
      .updateTenantById(id, { name: 'New' } as never)
      .catch((e: unknown) => e);
    expect((error as TenantValidationError).violations).toEqual([
      {
        path: '/name',
        field: 'name',
        rule: 'readOnly',
        message: 'name: cannot be set by id (POST /tenants/{id})',
      },
    ]);
    expect(server.received).toEqual([]);
    const checked = await checkTenantUpdate({ max_call_queues: 3 }, 'TenantAdminUpdate');
    await client().updateTenantById(id, checked);
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({ max_call_queues: 3 });
  });

  it('checks again an update checked for POST /tenant (a caller without types)', async () => {
    server.script({ status: 200 });
    const forTenant = await checkTenantUpdate({ stir_shaken_cert: 'x' });
    const error = await client()
      .updateTenantById(id, forTenant as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    expect(server.received).toEqual([]);
  });
});

describe('deleteTenant and tenantStatus', () => {
  it('posts to destroy, and never twice after a network error', async () => {
    server.script({ status: 204 });
    await client().deleteTenant('NzAwNTUxOTA5NzczMTQ4MTYw');
    expect(server.received[0]).toMatchObject({
      method: 'POST',
      url: '/api/tenants/NzAwNTUxOTA5NzczMTQ4MTYw/destroy',
    });
    server.script({ destroy: true, status: 0 });
    expect(
      await client()
        .deleteTenant('NzAwNTUxOTA5NzczMTQ4MTYw')
        .catch((e: unknown) => e),
    ).toMatchObject({
      kind: 'network',
    });
    expect(server.received).toHaveLength(1);
  });

  it("reads the tenant's status and the PBX's version", async () => {
    server.script({ status: 200, body: { version: '22.3.2', current_users: 4 } });
    expect(await client().tenantStatus()).toEqual({ version: '22.3.2', current_users: 4 });
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/api/tenant/status' });
    server.script({ status: 200, body: '[1]' });
    const error = await client()
      .tenantStatus()
      .catch((e: unknown) => e);
    expect(error).toHaveProperty('message', '200: the status is not a JSON object');
  });
});

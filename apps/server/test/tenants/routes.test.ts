// The tenant collection over the whole fastify pipeline (app.inject, a real SQLite file): who may call
// what, paging, filters, the by-id read and update with If-Match, destroy, switch, dealers and status.
import { tenantDetailsFieldNames, tenantSummaryFieldNames, validateValue } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignDealer, createUser } from '../../src/admin.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { errorCodes, errorItems, inject } from '../support/requests.js';

let server: TestServer;
let admin: string; // a SystemAdmin's session
let dealer: string; // a Dealer's session, assigned the first tenant only
let tenantAdmin: string; // the first tenant's own admin

const signIn = async (username: string, password: string) => {
  const answer = await inject(server, 'POST', { path: '/auth/sign_in', body: { username, password } });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { access_token: string }).access_token;
};

beforeAll(async () => {
  server = await startTestServer({ tenants: ['Acme', 'Globex', 'Initech'] });
  await createUser(server.store, { username: 'root', password: 'root-password', role: 'SystemAdmin' });
  await createUser(server.store, { username: 'reseller', password: 'reseller-password', role: 'Dealer' });
  await createUser(server.store, {
    tenantId: server.tenant.id,
    username: 'admin',
    password: 'admin-password',
  });
  await assignDealer(server.store, server.tenant.id, 'reseller');
  admin = await signIn('root', 'root-password');
  dealer = await signIn('reseller', 'reseller-password');
  tenantAdmin = await signIn('admin', 'admin-password');
});
afterAll(() => server.close());

const list = (token: string, query = '') => inject(server, 'GET', { token, path: `/tenants${query}` });
const names = (answer: { body: unknown }) =>
  (answer.body as { items: { name: string }[] }).items.map((item) => item.name);

describe('who may call /tenants', () => {
  it("answers 403 FORBIDDEN to a tenant's admin and to an API token, 401 to no one", async () => {
    for (const token of [tenantAdmin, server.tenant.token]) {
      for (const [method, path] of [
        ['GET', '/tenants'],
        ['POST', '/tenants'],
        ['GET', `/tenants/${server.tenant.id}`],
        ['POST', `/tenants/${server.tenant.id}/destroy`],
        ['GET', `/tenants/${server.tenant.id}/dealers`],
      ] as const) {
        const answer = await inject(server, method, {
          token,
          path,
          ...(method === 'POST' ? { body: {} } : {}),
        });
        expect(answer.status, `${method} ${path}`).toBe(403);
        expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
        expect(errorItems(answer)[0]?.message).toBe(
          "Only a SystemAdmin or a Dealer may use /tenants; a tenant's own users and API tokens use /tenant.",
        );
      }
    }
    expect((await list('not-a-token')).status).toBe(401);
    expect((await inject(server, 'GET', { path: '/tenants' })).status).toBe(401);
  });

  it('keeps /tenant working for the tenant admin, and tells a system session to switch first', async () => {
    expect((await inject(server, 'GET', { token: tenantAdmin })).status).toBe(200);
    const answer = await inject(server, 'GET', { token: admin });
    expect(answer.status).toBe(403);
    expect(errorItems(answer)[0]?.message).toContain('POST /tenants/switch?id=');
  });
});

describe('GET /tenants', () => {
  it('lists every tenant to a SystemAdmin in creation order, as summaries valid against TenantList', async () => {
    const answer = await list(admin);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(validateValue('TenantList', answer.body).valid).toBe(true);
    expect(names(answer)).toEqual(['Acme', 'Globex', 'Initech']);
    const [first] = (answer.body as { items: Record<string, unknown>[] }).items;
    expect(Object.keys(first ?? {})).toEqual([...tenantSummaryFieldNames()]);
    expect((answer.body as { count: number }).count).toBe(3);
  });

  it("shows a Dealer only the dealer's own tenants, and counts only those", async () => {
    const answer = await list(dealer);
    expect(names(answer)).toEqual(['Acme']);
    expect((answer.body as { count: number }).count).toBe(1);
    expect(names(await list(dealer, "?filter=name eq 'Globex'"))).toEqual([]);
    expect(names(await list(dealer, '?search=glo'))).toEqual([]);
  });

  it('pages with skip and top, count the total that matches', async () => {
    const page = await list(admin, '?skip=1&top=1');
    expect(names(page)).toEqual(['Globex']);
    expect((page.body as { count: number }).count).toBe(3);
    expect(names(await list(admin, '?skip=3'))).toEqual([]);
  });

  it('searches name and domain case-insensitively, filters with eq/ne and and, orders by a summary field', async () => {
    expect(names(await list(admin, '?search=NIT'))).toEqual(['Initech']);
    expect(
      names(await list(admin, `?filter=${encodeURIComponent("name ne 'Acme' and name ne 'Initech'")}`)),
    ).toEqual(['Globex']);
    expect(names(await list(admin, '?orderby=name%20desc'))).toEqual(['Initech', 'Globex', 'Acme']);
    expect(names(await list(admin, '?filter=enabled%20eq%20true'))).toHaveLength(3);
    expect(names(await list(admin, `?filter=${encodeURIComponent("name eq 'O''Brien'")}`))).toEqual([]);
  });

  it.each([
    ['top=0', 'top', 'minimum'],
    ['top=101', 'top', 'maximum'],
    ['skip=-1', 'skip', 'minimum'],
    ['skip=1.5', 'skip', 'type'],
    ['top=ten', 'top', 'type'],
    ['orderby=password', 'orderby', 'enum'], // the grammar fits; the field is not a summary field
    ['orderby=name%20sideways', 'orderby', 'pattern'],
    ['filter=name%20like%20%27a%27', 'filter', 'pattern'],
    ['filter=stir_shaken_key%20eq%20null', 'filter', 'enum'],
    ['filter=name%20eq%203', 'filter', 'type'],
    ["filter=name%20eq%20'a'%20and", 'filter', 'pattern'],
    ['colour=red', 'colour', 'additionalProperties'],
    ['top=1&top=2', 'top', 'type'],
    ['search=(10,000 characters)', 'search', 'maxLength'],
  ])('answers 400 naming the parameter for %s', async (query, parameter, rule) => {
    const answer = await list(admin, `?${query.replace('(10,000 characters)', 'x'.repeat(10_000))}`);
    expect(answer.status).toBe(400);
    expect(errorItems(answer)[0]).toMatchObject({
      code: 'VALIDATE_FAILED',
      detail: { path: `/${parameter}`, rule },
    });
    expect(errorItems(answer)[0]?.message).toMatch(new RegExp(`^${parameter}: `));
  });
});

describe('POST /tenants, GET and POST /tenants/{id}', () => {
  it('creates a tenant (201 with its id and Location), readable by id with the spec defaults', async () => {
    const created = await inject(server, 'POST', {
      token: admin,
      path: '/tenants',
      body: { name: 'Umbrella', domain: 'umbrella.example', max_extensions: 50 },
    });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    expect(created.headers.location).toBe(`/api/tenants/${id}`);
    const read = await inject(server, 'GET', { token: admin, path: `/tenants/${id}` });
    expect(read.status).toBe(200);
    expect(Object.keys(read.body as object)).toEqual([...tenantDetailsFieldNames()]);
    expect(validateValue('TenantDetails', read.body).valid).toBe(true);
    expect(read.body).toMatchObject({ id, name: 'Umbrella', max_extensions: 50, enabled: true });
    expect(read.headers.etag).toMatch(/^"/);
    // A SystemAdmin's tenant belongs to no dealer.
    const dealers = await inject(server, 'GET', { token: admin, path: `/tenants/${id}/dealers` });
    expect(dealers.body).toEqual({ count: 0, items: [] });
  });

  it('refuses a create without a name or with an unknown field, naming it, creating nothing', async () => {
    const before = (await list(admin)).body as { count: number };
    for (const [body, path] of [
      [{ domain: 'x.example' }, ''],
      [{ name: 'X', colour: 'red' }, '/colour'],
      [{ name: 'X', max_extensions: -1 }, '/max_extensions'],
    ] as const) {
      const answer = await inject(server, 'POST', { token: admin, path: '/tenants', body });
      expect(answer.status).toBe(400);
      expect(errorItems(answer)[0]?.detail?.path ?? '').toContain(path);
    }
    expect(((await list(admin)).body as { count: number }).count).toBe(before.count);
  });

  it('a Dealer creates tenants assigned to itself', async () => {
    const created = await inject(server, 'POST', {
      token: dealer,
      path: '/tenants',
      body: { name: 'Dealt' },
    });
    expect(created.status).toBe(201);
    expect(names(await list(dealer))).toEqual(['Acme', 'Dealt']);
    const { id } = created.body as { id: string };
    const own = await inject(server, 'GET', { token: dealer, path: `/tenants/${id}` });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id, name: 'Dealt' });
  });

  it('updates by id with the system-side fields and If-Match, sharing the version with /tenant', async () => {
    const id = server.tenant.id;
    const read = await inject(server, 'GET', { token: admin, path: `/tenants/${id}` });
    const etag = read.headers.etag ?? '';
    const own = await inject(server, 'GET', { token: tenantAdmin });
    expect(own.headers.etag).toBe(etag);
    const updated = await inject(server, 'POST', {
      token: admin,
      path: `/tenants/${id}`,
      body: { max_extensions: 77 },
      headers: { 'if-match': etag },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toMatch(/^"/);
    expect(updated.headers.etag).not.toBe(etag);
    expect((await inject(server, 'GET', { token: admin, path: `/tenants/${id}` })).headers.etag).toBe(
      updated.headers.etag,
    );
    expect((await inject(server, 'GET', { token: tenantAdmin })).body).toMatchObject({ max_extensions: 77 });
    const stale = await inject(server, 'POST', {
      token: admin,
      path: `/tenants/${id}`,
      body: { max_extensions: 78 },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(errorCodes(stale)).toEqual(['PRECONDITION_FAILED']);
  });

  it('refuses name and the STIR/SHAKEN pair by id, naming the field', async () => {
    for (const field of ['name', 'stir_shaken_key', 'stir_shaken_cert']) {
      const answer = await inject(server, 'POST', {
        token: admin,
        path: `/tenants/${server.tenant.id}`,
        body: { [field]: 'x' },
      });
      expect(answer.status, field).toBe(400);
      expect(errorItems(answer)[0]?.detail?.path).toBe(`/${field}`);
    }
  });

  it("answers 404 to a Dealer for another dealer's tenant, as for an id that does not exist", async () => {
    const other = server.tenants[1]?.id ?? '';
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    for (const id of [other, unknown]) {
      const path = `/tenants/${encodeURIComponent(id)}`;
      const read = await inject(server, 'GET', { token: dealer, path });
      expect(read.status, id).toBe(404);
      const write = await inject(server, 'POST', { token: dealer, path, body: { max_extensions: 1 } });
      expect(write.status, id).toBe(404);
      expect(write.text).toBe(read.text);
      expect(errorItems(read)).toMatchObject([{ code: 'NOT_FOUND', message: 'No tenant with that id.' }]);
    }
  });

  it('answers 400 naming id to text that cannot be an id, whoever asks', async () => {
    for (const id of ['not an id', "' OR 1=1 --", 'a.b', 'x'.repeat(129)]) {
      const read = await inject(server, 'GET', { token: dealer, path: `/tenants/${encodeURIComponent(id)}` });
      expect(read.status, id).toBe(400);
      expect(errorItems(read)[0]).toMatchObject({ code: 'VALIDATE_FAILED', detail: { path: '/id' } });
      expect(errorItems(read)[0]?.message).toMatch(/^id: /);
    }
  });
});

describe('POST /tenants/{id}/destroy', () => {
  it('removes the tenant, its users, sessions and tokens at once (204; then 404 and 401)', async () => {
    const created = await inject(server, 'POST', {
      token: admin,
      path: '/tenants',
      body: { name: 'Doomed' },
    });
    const { id } = created.body as { id: string };
    await createUser(server.store, { tenantId: id, username: 'doomed', password: 'doomed-password' });
    const session = await signIn('doomed', 'doomed-password');
    expect((await inject(server, 'GET', { token: session })).status).toBe(200);
    const destroyed = await inject(server, 'POST', { token: admin, path: `/tenants/${id}/destroy` });
    expect(destroyed.status).toBe(204);
    expect((await inject(server, 'GET', { token: session })).status).toBe(401);
    expect((await inject(server, 'GET', { token: admin, path: `/tenants/${id}` })).status).toBe(404);
    expect((await inject(server, 'POST', { token: admin, path: `/tenants/${id}/destroy` })).status).toBe(404);
    expect(await server.store.listUsers(id)).toEqual([]);
  });
});

describe('POST /tenants/switch', () => {
  it('points the session at the tenant: /tenant then answers for it', async () => {
    const session = await signIn('root', 'root-password');
    const target = server.tenants[2];
    const switched = await inject(server, 'POST', {
      token: session,
      path: `/tenants/switch?id=${target?.id}`,
    });
    expect(switched.status).toBe(200);
    expect((await inject(server, 'GET', { token: session })).body).toMatchObject({ id: target?.id });
    expect((await inject(server, 'GET', { token: session, path: '/tenant/status' })).status).toBe(200);
  });

  it('answers 400 without an id, 404 for a tenant the caller may not see', async () => {
    const missing = await inject(server, 'POST', { token: admin, path: '/tenants/switch' });
    expect(missing.status).toBe(400);
    expect(errorItems(missing)).toMatchObject([
      {
        code: 'VALIDATE_FAILED',
        message: 'id: required, once: the tenant to switch into',
        detail: { path: '/id', rule: 'required' },
      },
    ]);
    const twice = await inject(server, 'POST', { token: admin, path: `/tenants/switch?id=a&id=b` });
    expect(errorItems(twice)[0]?.message).toBe('id: required, once: the tenant to switch into');
    const extra = await inject(server, 'POST', {
      token: admin,
      path: `/tenants/switch?id=${server.tenant.id}&tenant=x`,
    });
    expect(extra.status).toBe(400);
    expect(errorItems(extra)).toMatchObject([
      {
        message: 'tenant: is not a parameter of POST /tenants/switch (id)',
        detail: { path: '/tenant', rule: 'additionalProperties' },
      },
    ]);
    const other = server.tenants[1]?.id;
    expect(
      (await inject(server, 'POST', { token: dealer, path: `/tenants/switch?id=${other}` })).status,
    ).toBe(404);
  });
});

describe('GET /tenants/{id}/dealers and GET /tenant/status', () => {
  it("names the tenant's dealer, and none for a tenant without one", async () => {
    const dealt = await inject(server, 'GET', { token: admin, path: `/tenants/${server.tenant.id}/dealers` });
    expect(validateValue('DealerList', dealt.body).valid).toBe(true);
    expect(dealt.body).toMatchObject({ count: 1, items: [{ name: 'reseller', level: 'RESELLER' }] });
    const none = await inject(server, 'GET', {
      token: admin,
      path: `/tenants/${server.tenants[1]?.id}/dealers`,
    });
    expect(none.body).toEqual({ count: 0, items: [] });
  });

  it("reports the tenant's users and the PBX's version, valid against TenantStatus", async () => {
    const answer = await inject(server, 'GET', { token: tenantAdmin, path: '/tenant/status' });
    expect(answer.status).toBe(200);
    expect(validateValue('TenantStatus', answer.body).valid).toBe(true);
    expect(answer.body).toMatchObject({
      current_users: 1,
      version: expect.stringMatching(/^tenantctl-reference /),
    });
  });
});

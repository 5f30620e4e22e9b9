// Attacks on the tenant collection, over HTTP against the real server on each engine: a tenant's admin
// (its API token and its session) and a dealer try every `/tenants` operation on tenants they must not
// see — ids guessed, ids of destroyed tenants, ids of another dealer's tenants, `filter` and `search`
// crafted to reach them, SQL metacharacters, 10,000-character parameters, page bounds broken — and
// must get 403, 404 or 400 naming the parameter: never a row they may not see, never a 5xx, never a
// change. Prints its figures for the README.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/admin.js';
import {
  assignToDealer,
  signInSystemUser,
  startTestServer,
  type TestServer,
} from '../../src/testing/index.js';
import { postgresForFile } from '../support/postgres.js';

const postgres = await postgresForFile();
const engines: [string, () => Promise<TestServer>][] = [
  ['SQLite', () => startTestServer({ tenants: ['mine-1', 'mine-2', 'theirs-1', 'theirs-2', 'nobody'] })],
  ...(postgres
    ? [
        [
          'PostgreSQL',
          async () =>
            startTestServer({
              tenants: ['mine-1', 'mine-2', 'theirs-1', 'theirs-2', 'nobody'],
              database: await postgres.createDatabase(),
            }),
        ] as [string, () => Promise<TestServer>],
      ]
    : []),
];

const LONG = 'x'.repeat(10_000);
/** Text meant to break out of a quoted string or a query, in SQLite's and PostgreSQL's dialects. */
const injections = [
  "' OR 1=1 --",
  "'; DROP TABLE tenants; --",
  '" OR ""="',
  "') OR ('1'='1",
  '%',
  '_',
  '\\',
  "name eq 'x') OR (1=1",
  "name eq 'a' or name ne 'a'",
  'id ne null',
  'dealer_id eq null',
  "settings eq '{}'",
];

describe.each(engines)('the tenant collection under attack, on %s', (engine, start) => {
  let server: TestServer;
  const statuses = new Map<number, number>();
  let requests = 0;
  let leaked = 0;
  /** Names a caller must never see, per caller. */
  const forbidden = new Map<string, Set<string>>();
  let dealer = '';
  let tenantSession = '';
  let destroyedId = '';
  let before = '';

  const stateOf = async () =>
    JSON.stringify(
      await Promise.all(server.tenants.map(async (tenant) => server.store.readTenant(tenant.id))),
    );

  async function attack(
    caller: string,
    token: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; text: string }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    requests++;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    for (const name of forbidden.get(caller) ?? []) if (text.includes(name)) leaked++;
    return { status: response.status, text };
  }

  beforeAll(async () => {
    server = await start();
    const [mine1, mine2, theirs1, theirs2] = server.tenants;
    const ours = await signInSystemUser(server, 'Dealer', 'dealer-ours');
    await signInSystemUser(server, 'Dealer', 'dealer-theirs');
    await assignToDealer(server, 'dealer-ours', [mine1?.id ?? '', mine2?.id ?? '']);
    await assignToDealer(server, 'dealer-theirs', [theirs1?.id ?? '', theirs2?.id ?? '']);
    dealer = ours.token;
    await createUser(server.store, {
      tenantId: mine1?.id ?? '',
      username: 'tenant-admin',
      password: 'tenant-admin-pw',
    });
    const signedIn = await fetch(`${server.url}/auth/sign_in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'tenant-admin', password: 'tenant-admin-pw' }),
    });
    tenantSession = ((await signedIn.json()) as { access_token: string }).access_token;
    // A tenant of ours, destroyed: its id must stay dead for everyone.
    const admin = await signInSystemUser(server, 'SystemAdmin', 'root');
    const created = await fetch(`${server.url}/tenants`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'destroyed-shop' }),
    });
    destroyedId = ((await created.json()) as { id: string }).id;
    await assignToDealer(server, 'dealer-ours', [destroyedId]);
    expect(
      (
        await fetch(`${server.url}/tenants/${destroyedId}/destroy`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${admin.token}` },
        })
      ).status,
    ).toBe(204);
    forbidden.set('dealer', new Set(['theirs-1', 'theirs-2', 'nobody', 'destroyed-shop']));
    forbidden.set('tenant', new Set(['mine-2', 'theirs-1', 'theirs-2', 'nobody', 'destroyed-shop']));
    before = await stateOf();
  });
  afterAll(async () => {
    const counts = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n} × ${status}`);
    console.log(
      `tenant collection attacks (${engine}): ${requests} requests (${counts.join(', ')}); rows leaked: ${leaked}; 5xx: ${[...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0)}`,
    );
    await server.close();
  });

  it("refuses a tenant's admin every operation of the collection (403), by its API token and its session", async () => {
    const theirs = server.tenants[2]?.id ?? '';
    const own = server.tenant.id;
    for (const token of [server.tenant.token, tenantSession]) {
      const operations: [method: 'GET' | 'POST', path: string, body?: unknown][] = [
        ['GET', '/tenants'],
        ['GET', '/tenants?search=theirs'],
        ['POST', '/tenants', { name: 'sneaky' }],
        ['GET', `/tenants/${own}`],
        ['GET', `/tenants/${theirs}`],
        ['POST', `/tenants/${theirs}`, { max_extensions: 1 }],
        ['POST', `/tenants/${theirs}/destroy`],
        ['POST', `/tenants/switch?id=${theirs}`],
        ['GET', `/tenants/${theirs}/dealers`],
      ];
      for (const [method, path, body] of operations) {
        expect((await attack('tenant', token, method, path, body)).status, `${method} ${path}`).toBe(403);
      }
    }
  });

  it("gives a dealer 404 for every tenant not its own, guessed, destroyed or another dealer's, as for none", async () => {
    const notOurs = [
      server.tenants[2]?.id ?? '',
      server.tenants[3]?.id ?? '',
      server.tenants[4]?.id ?? '',
      destroyedId,
      'AAAAAAAAAAAAAAAAAAAAAAAA',
      ...Array.from(
        { length: 20 },
        (_, i) => `${server.tenant.id.slice(0, 23)}${String.fromCharCode(65 + i)}`,
      ),
    ];
    for (const id of notOurs) {
      const answers = [
        await attack('dealer', dealer, 'GET', `/tenants/${id}`),
        await attack('dealer', dealer, 'POST', `/tenants/${id}`, { max_extensions: 1 }),
        await attack('dealer', dealer, 'POST', `/tenants/${id}/destroy`),
        await attack('dealer', dealer, 'POST', `/tenants/switch?id=${id}`),
        await attack('dealer', dealer, 'GET', `/tenants/${id}/dealers`),
      ];
      for (const answer of answers) expect(answer.status, id).toBe(404);
      // The same answer whether the tenant exists or not: nothing tells them apart.
      expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    }
  });

  it('shows a dealer only its own tenants whatever filter, search or order it crafts', async () => {
    const queries = [
      ...injections.flatMap((text) => [
        `search=${encodeURIComponent(text)}`,
        `filter=${encodeURIComponent(text)}`,
        `filter=${encodeURIComponent(`name eq '${text.replaceAll("'", "''")}'`)}`,
        `orderby=${encodeURIComponent(text)}`,
      ]),
      'search=theirs',
      `filter=${encodeURIComponent("name eq 'theirs-1'")}`,
      `filter=${encodeURIComponent("name ne 'mine-1'")}`,
      `filter=${encodeURIComponent('enabled eq true and enabled eq true')}`,
      'orderby=name%20desc&top=100&skip=0',
    ];
    for (const query of queries) {
      const { status, text } = await attack('dealer', dealer, 'GET', `/tenants?${query}`);
      expect([200, 400], query).toContain(status);
      if (status === 200) {
        const page = JSON.parse(text) as { count: number; items: { name: string }[] };
        expect(
          page.items.every((tenant) => tenant.name.startsWith('mine-')),
          query,
        ).toBe(true);
        expect(page.count, query).toBeLessThanOrEqual(2);
      } else {
        const detail = (JSON.parse(text) as { errors: { detail?: { path?: string } }[] }).errors[0]?.detail;
        expect(['/search', '/filter', '/orderby'], query).toContain(detail?.path);
      }
    }
  });

  it('answers 400 naming the parameter to broken page bounds, non-integers and 10,000-character parameters', async () => {
    const cases: [string, string][] = [
      ['top=0', '/top'],
      ['top=101', '/top'],
      ['skip=-1', '/skip'],
      ['top=1.5', '/top'],
      ['skip=abc', '/skip'],
      ['top=99999999999999999999', '/top'],
      ['top=1e2', '/top'],
      [`search=${LONG}`, '/search'],
      [`filter=${LONG}`, '/filter'],
      [`orderby=${LONG}`, '/orderby'],
      [`${LONG}=1`, `/${LONG}`],
    ];
    for (const caller of [dealer, server.tenant.token]) {
      for (const [query, path] of cases) {
        const { status, text } = await attack(
          caller === dealer ? 'dealer' : 'tenant',
          caller,
          'GET',
          `/tenants?${query}`,
        );
        if (caller !== dealer) {
          expect(status, query).toBe(403); // a tenant's token is refused before its parameters are read
          continue;
        }
        expect(status, query).toBe(400);
        expect(
          (JSON.parse(text) as { errors: { detail?: { path?: string } }[] }).errors[0]?.detail?.path,
          query,
        ).toBe(path);
      }
    }
    // A 10,000-character id is the id's rule, never a 5xx.
    expect((await attack('dealer', dealer, 'GET', `/tenants/${LONG}`)).status).toBe(400);
  });

  it('left every tenant as it was, and never answered 5xx or showed a row the caller may not see', async () => {
    expect(await stateOf()).toBe(before);
    expect(leaked).toBe(0);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
  });
});

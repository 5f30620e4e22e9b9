// The hot GET /tenant answered from memory: when it answers, when it hands the request to fastify, that
// its answer is the fastify route's to the byte, and that it never serves what another connection
// changed before the request was sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createToken } from '../src/admin.js';
import { directTenantGet } from '../src/direct-tenant-get.js';
import { createRequestLog } from '../src/request-log.js';
import { openSqliteStore, type SqliteStore } from '../src/storage/sqlite-store.js';
import { createTenantBodyCache } from '../src/tenant-body-cache.js';
import { startTestServer } from '../src/testing/index.js';
import { hashToken } from '../src/tokens.js';

interface Answer {
  status: number;
  /** Raw header lines as sent, in order, without `Date` (it moves with the clock). */
  headers: string[];
  body: string;
}

function request(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = get(url, { headers, method, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const lines: string[] = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i] ?? '';
          if (name.toLowerCase() !== 'date') lines.push(`${name}: ${response.rawHeaders[i + 1]}`);
        }
        resolve({ status: response.statusCode ?? 0, headers: lines, body: Buffer.concat(chunks).toString() });
      });
    });
    sent.on('error', reject);
  });
}

describe('directTenantGet, in front of a fallback that counts what it is handed', () => {
  let dir: string;
  let store: SqliteStore;
  let other: SqliteStore;
  let server: Server;
  let url: string;
  let token: string;
  let tenantId: string;
  let closing = false;
  const handedOver: string[] = [];
  const logs: string[] = [];
  const bodiesOf = () => createTenantBodyCache(store);
  let bodies: ReturnType<typeof bodiesOf>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'direct-get-'));
    store = openSqliteStore({ path: join(dir, 'tenants.db') });
    other = openSqliteStore({ path: join(dir, 'tenants.db') }); // another process, say
    tenantId = (await createTenant(store, 'Direct')).id;
    token = (await createToken(store, tenantId)).token;
    bodies = bodiesOf();
    const memory = store.memory;
    if (!memory) throw new Error('the SQLite store remembers owners');
    const log = createRequestLog({
      level: 'info',
      stream: { write: (line: string) => void logs.push(line) } as unknown as NodeJS.WritableStream,
    });
    // The fallback plays fastify's part: it looks the token up (filling memory) and the body (filling
    // the cache), then answers 299 so that a test can tell who answered.
    const fallback = (incoming: IncomingMessage, response: ServerResponse) => {
      handedOver.push(`${incoming.method} ${incoming.url}`);
      void (async () => {
        const bearer = /^Bearer (.+)$/.exec(incoming.headers.authorization ?? '')?.[1];
        const owner = bearer ? await store.findTokenOwner(hashToken(bearer)) : undefined;
        if (owner) await bodies.get(owner);
        response.writeHead(owner ? 299 : 401).end();
      })();
    };
    server = createServer(
      directTenantGet(
        { path: '/api/tenant', memory, bodies, log, clock: Date.now, closing: () => closing },
        fallback,
      ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    handedOver.length = 0;
    closing = false;
  });

  const auth = () => ({ Authorization: `Bearer ${token}` });

  it('hands over a token it does not remember, then answers from memory with the log line', async () => {
    expect((await request(`${url}/api/tenant`, auth())).status).toBe(299);
    expect(handedOver).toEqual(['GET /api/tenant']);
    logs.length = 0;
    const answer = await request(`${url}/api/tenant`, auth());
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ id: tenantId, name: 'Direct' });
    expect(answer.headers).toContain(`etag: "1-${store.instanceId}"`);
    expect(handedOver).toEqual(['GET /api/tenant']);
    expect(logs.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ method: 'GET', path: '/api/tenant', status: 200, ms: expect.any(Number) }),
    ]);
  });

  it('never answers what another connection changed before the request: it hands over instead', async () => {
    await request(`${url}/api/tenant`, auth()); // remembered now
    await other.mergeSettings(tenantId, { log_retention: 9 });
    expect((await request(`${url}/api/tenant`, auth())).status).toBe(299);
    const after = await request(`${url}/api/tenant`, auth());
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body)).toMatchObject({ log_retention: 9 });
    // Any commit elsewhere, even one about another tenant, sends the next request to the database.
    await createTenant(other, 'Elsewhere');
    expect((await request(`${url}/api/tenant`, auth())).status).toBe(299);
  });

  it.each([
    ['another path', '/api/tenant/status', 'GET'],
    ['a query string', '/api/tenant?x=1', 'GET'],
    ['HEAD', '/api/tenant', 'HEAD'],
    ['POST', '/api/tenant', 'POST'],
  ])('hands over %s', async (_what, path, method) => {
    await request(`${url}/api/tenant`, auth());
    handedOver.length = 0;
    await request(`${url}${path}`, auth(), method);
    expect(handedOver).toEqual([`${method} ${path}`]);
  });

  it.each([
    ['no Authorization', {}],
    ['a token it never saw', { Authorization: 'Bearer tnt_unknown' }],
    ['not a bearer token', { Authorization: 'Basic YWRtaW46YWRtaW4=' }],
  ])('hands over a request with %s (fastify answers 401)', async (_what, headers) => {
    await request(`${url}/api/tenant`, headers);
    expect(handedOver).toEqual(['GET /api/tenant']);
  });

  it('hands over every request while the server closes (fastify answers 503)', async () => {
    await request(`${url}/api/tenant`, auth());
    handedOver.length = 0;
    closing = true;
    expect((await request(`${url}/api/tenant`, auth())).status).toBe(299);
    expect(handedOver).toEqual(['GET /api/tenant']);
  });
});

describe('the reference server with the direct GET', () => {
  it('answers exactly as its fastify route does: status, headers in order, body', async () => {
    const server = await startTestServer();
    try {
      const headers = { Authorization: `Bearer ${server.tenant.token}` };
      const first = await request(`${server.url}/tenant`, headers); // through fastify: nothing remembered
      const second = await request(`${server.url}/tenant`, headers); // from memory
      expect(second).toEqual(first);
      expect(first.status).toBe(200);
      // A write in between: the version moves, fastify answers once, memory again after.
      const posted = await fetch(`${server.url}/tenant`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{"log_retention":12}',
      });
      expect(posted.status).toBe(200);
      const third = await request(`${server.url}/tenant`, headers);
      expect(JSON.parse(third.body)).toMatchObject({ log_retention: 12 });
      expect(await request(`${server.url}/tenant`, headers)).toEqual(third);
    } finally {
      await server.close();
    }
  });

  it('is not used with CORS origins: every answer there varies by Origin', async () => {
    const server = await startTestServer({ corsOrigins: ['https://app.example.test'] });
    try {
      const headers = { Authorization: `Bearer ${server.tenant.token}` };
      await request(`${server.url}/tenant`, headers);
      const again = await request(`${server.url}/tenant`, headers);
      expect(again.headers).toContain('vary: Origin');
    } finally {
      await server.close();
    }
  });
});

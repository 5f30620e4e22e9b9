// serve(): the app on a real socket. What only the wire shows: the URL, keep-alive, a restart on the same
// file, closing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortInUseError, serve } from '../src/server.js';
import { openSqliteStore } from '../src/storage/sqlite-store.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (token = server.tenant.token) =>
  fetch(`${server.url}/tenant`, { headers: { Authorization: `Bearer ${token}` } });

describe('serve', () => {
  it('listens on 127.0.0.1 under /api and answers over HTTP/1.1 with keep-alive', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('keep-alive');
    expect(response.headers.get('keep-alive')).toBe('timeout=5');
    await response.body?.cancel();
  });

  it('keeps every acknowledged write across a restart on the same database, and the same ETag', async () => {
    const post = await fetch(`${server.url}/tenant`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.tenant.token}`, 'Content-Type': 'application/json' },
      body: '{"log_retention":365}',
    });
    expect(post.status).toBe(200);
    const before = await get();
    const beforeBody = await before.json();
    await server.restart();
    const after = await get();
    expect(await after.json()).toEqual(beforeBody);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(after.headers.get('etag')).toBe(post.headers.get('etag'));
  });

  it('records every request it received, for tests', async () => {
    server.requests.length = 0;
    await (await get()).text();
    await (await fetch(`${server.url}/tenant?x=1`, { method: 'DELETE' })).text();
    expect(server.requests).toEqual(['GET /api/tenant', 'DELETE /api/tenant']);
  });
});

describe('serve on a port that is taken', () => {
  it('fails with PortInUseError, naming the port, and closes the store it was given', async () => {
    const first = await startTestServer();
    const port = Number(new URL(first.url).port);
    const store = openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'port-taken-')), 't.db') });
    try {
      const error = await serve({ store, port, logger: false }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(
        `port ${port} on 127.0.0.1 is taken (is another server running there?)`,
      );
      await expect(store.listTenants()).rejects.toThrow();
    } finally {
      await first.close();
    }
  });
});

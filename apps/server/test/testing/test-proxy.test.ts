// The test proxy passes requests on (after its delay), throttles every nth POST, and logs each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProxy, startTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('startTestProxy', () => {
  it('passes every request on after its delay, keeping the path prefix, and logs it', async () => {
    const proxy = await startTestProxy({ target: server.url, delayMs: 120 });
    try {
      const started = Date.now();
      const answer = await fetch(`${proxy.url}/tenant`, {
        headers: { Authorization: `Bearer ${server.tenant.token}` },
      });
      expect(answer.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(120);
      expect(proxy.log).toEqual([
        { method: 'GET', path: '/api/tenant', at: expect.any(Number), status: 200 },
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('answers 429 with Retry-After to every nth POST', async () => {
    const proxy = await startTestProxy({ target: server.url, throttleEveryPost: 2, retryAfterSeconds: 3 });
    try {
      const post = () =>
        fetch(`${proxy.url}/tenant`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${server.tenant.token}`, 'Content-Type': 'application/json' },
          body: '{"log_retention":9}',
        });
      expect((await post()).status).toBe(200);
      const throttled = await post();
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('3');
      expect(proxy.log.map((entry) => entry.status)).toEqual([200, 429]);
    } finally {
      await proxy.close();
    }
  });
  it('holds POSTs while reads pass, until the test releases them', async () => {
    const proxy = await startTestProxy({ target: server.url });
    try {
      const auth = { Authorization: `Bearer ${server.tenant.token}` };
      proxy.holdPosts();
      const write = fetch(`${proxy.url}/tenant`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: '{"log_retention": 91}',
      });
      await proxy.whenHeld(1);
      expect((await fetch(`${proxy.url}/tenant`, { headers: auth })).status).toBe(200);
      expect(await server.stored(server.tenant.id)).not.toMatchObject({ log_retention: 91 });
      await proxy.releasePosts();
      expect((await write).status).toBe(200);
      expect(await server.stored(server.tenant.id)).toMatchObject({ log_retention: 91 });
    } finally {
      await proxy.close();
    }
  });
  it('answers a chosen status instead of passing a request on', async () => {
    const proxy = await startTestProxy({
      target: server.url,
      fail: (method, path) => (method === 'GET' && path.endsWith('/tenant') ? 500 : undefined),
    });
    try {
      const answer = await fetch(`${proxy.url}/tenant`, {
        headers: { Authorization: `Bearer ${server.tenant.token}` },
      });
      expect(answer.status).toBe(500);
      expect(await answer.json()).toMatchObject({ errors: [{ code: 'UNKNOWN' }] });
      expect(proxy.log).toEqual([
        { method: 'GET', path: '/api/tenant', at: expect.any(Number), status: 500 },
      ]);
    } finally {
      await proxy.close();
    }
  });
});

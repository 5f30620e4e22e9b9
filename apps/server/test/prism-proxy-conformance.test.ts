// Response conformance: requests go through `prism proxy` to the real server, and Prism checks every
// request and response against openapi/tenant.yaml.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningPrism, startPrism } from '@tenantctl/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/testing/index.js';
import { bearer } from './support/requests.js';

const authHeaders = (token: string, extra: Record<string, string> = {}) => ({ ...bearer(token), ...extra });

let server: TestServer;
let strict: RunningPrism; // --errors: any violation becomes an error response
let observing: RunningPrism; // reports violations without interfering, for requests that are wrong on purpose
beforeAll(async () => {
  server = await startTestServer();
  [strict, observing] = await Promise.all([
    startPrism({ mode: 'proxy', upstream: server.url, errors: true }),
    startPrism({ mode: 'proxy', upstream: server.url }),
  ]);
});
afterAll(async () => {
  await Promise.all([strict?.stop(), observing?.stop()]);
  await server?.close();
});

/**
 * Waits until Prism has logged everything about the requests sent so far: it logs in order, so once a
 * marker request of its own shows in the output, the lines before it are all there.
 */
let markers = 0;
async function settled(prism: RunningPrism): Promise<void> {
  const marker = `/log-marker-${++markers}`;
  await (await fetch(`${prism.url}${marker}`)).body?.cancel();
  await until(() => prism.output().includes(marker));
}

/** Resolves once `done()` holds; rejects after `ms` (a bound for a broken run, not a timing). */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > ms) throw new Error('Prism did not log what was expected');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const json = (token: string, extra: Record<string, string> = {}) =>
  authHeaders(token, { 'Content-Type': 'application/json', ...extra });

describe('valid requests through prism proxy --errors', () => {
  it('GET, POST, POST with a current and a stale If-Match: answered by the server, zero violations', async () => {
    const token = server.tenant.token;
    const get = await fetch(`${strict.url}/tenant`, { headers: authHeaders(token) });
    expect(get.status).toBe(200);
    expect(get.headers.get('sl-violations')).toBeNull();
    const etag = get.headers.get('etag') ?? '';
    await get.body?.cancel();

    const steps: [RequestInit, number][] = [
      [{ method: 'POST', headers: json(token), body: '{"enable_audio_recording":true,"region":"DEU"}' }, 200],
      [{ method: 'POST', headers: json(token, { 'If-Match': etag }), body: '{"name":"Stale"}' }, 412],
      [
        {
          method: 'POST',
          headers: json(token, { 'If-Match': '*' }),
          body: '{"contact_match_type":"MATCH_LENGTH","contact_match_length":6}',
        },
        200,
      ],
    ];
    for (const [init, status] of steps) {
      const response = await fetch(`${strict.url}/tenant`, init);
      expect(response.headers.get('sl-violations')).toBeNull();
      expect(response.status).toBe(status);
      await response.body?.cancel();
    }
    const after = await fetch(`${strict.url}/tenant`, { headers: authHeaders(token) });
    expect(after.status).toBe(200);
    expect(after.headers.get('sl-violations')).toBeNull();
    expect(strict.output()).not.toMatch(/Violation:/);
  });
});

describe('error answers through prism proxy', () => {
  type Sent = { method: string; body?: string; token?: string; type?: string };
  it.each<[string, Sent, number]>([
    ['400 for a bad value', { method: 'POST', body: '{"recording_retention":0}' }, 400],
    ['400 for a read-only field', { method: 'POST', body: '{"max_extensions":1}' }, 400],
    ['400 for malformed JSON', { method: 'POST', body: '{"name":' }, 400],
    ['401 for an unknown token', { method: 'GET', token: 'tnt_nobody' }, 401],
    [
      '413 for a large body',
      { method: 'POST', body: JSON.stringify({ stir_shaken_cert: 'x'.repeat(70_000) }) },
      413,
    ],
    ['415 for a non-JSON body', { method: 'POST', body: 'name=x', type: 'text/plain' }, 415],
  ])('%s conforms to the spec (only the request is flagged)', async (_what, request, status) => {
    const before = observing.output().length;
    const response = await fetch(`${observing.url}/tenant`, {
      method: request.method,
      headers: json(
        request.token ?? server.tenant.token,
        request.type ? { 'Content-Type': request.type } : {},
      ),
      ...(request.body ? { body: request.body } : {}),
    });
    expect(response.status).toBe(status);
    await response.body?.cancel();
    await settled(observing);
    const report = observing.output().slice(before);
    expect(report).not.toMatch(/Violation: response/);
  });
});

describe('the check itself', () => {
  it('flags a response that breaks the spec (so zero violations above means something)', async () => {
    const liar = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"recording_retention":"forever"}');
    });
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    const proxy = await startPrism({
      mode: 'proxy',
      upstream: `http://127.0.0.1:${(liar.address() as AddressInfo).port}/api`,
    });
    try {
      const response = await fetch(`${proxy.url}/tenant`, { headers: authHeaders('any') });
      await response.body?.cancel();
      await until(() => /Violation: response\.body/.test(proxy.output()));
      expect(proxy.output()).toMatch(/Violation: response\.body\.recording_retention/);
    } finally {
      await proxy.stop();
      liar.close();
    }
  });
});

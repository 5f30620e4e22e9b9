// Retries: which answers are retried, how many times, and how long the client waits.
import { freePort } from '@tenantctl/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenantClient,
  type FetchFunction,
  type RetryEvent,
  TenantHttpError,
  TenantNetworkError,
} from '../../src/index.js';
import { backoffDelay, defaultRetry, parseRetryAfter } from '../../src/retry-policy.js';
import { type ScriptedServer, startScriptedServer } from '../support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function clientRecording(events: RetryEvent[], extra: { fetch?: FetchFunction } = {}) {
  return createTenantClient({
    baseUrl: server.baseUrl,
    token: 't',
    retry: { retries: 2, minDelayMs: 20, maxDelayMs: 1000, onRetry: (event) => events.push(event) },
    ...extra,
  });
}

describe('retries', () => {
  it.each([429, 502, 503, 504])('retries %i, then succeeds', async (status) => {
    server.script({ status }, { status }, { status: 200, body: { name: 'Acme' } });
    const events: RetryEvent[] = [];
    expect(await clientRecording(events).getTenant()).toEqual({ name: 'Acme' });
    expect(server.received).toHaveLength(3);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([
      [1, status],
      [2, status],
    ]);
  });

  it('backs off exponentially with jitter', async () => {
    server.script({ status: 503 }, { status: 503 }, { status: 503 });
    const events: RetryEvent[] = [];
    const error = await clientRecording(events)
      .getTenant()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantHttpError);
    expect((error as TenantHttpError).status).toBe(503);
    expect(server.received).toHaveLength(3); // 1 + 2 retries
    const [first, second] = events.map((e) => e.delayMs);
    expect(first).toBeGreaterThanOrEqual(10);
    expect(first).toBeLessThanOrEqual(20);
    expect(second).toBeGreaterThanOrEqual(20);
    expect(second).toBeLessThanOrEqual(40);
  });

  it('computes backoff within [ceiling/2, ceiling], capped at maxDelayMs', () => {
    const policy = { ...defaultRetry, minDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(300);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
  });

  it('honours Retry-After in seconds', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200, body: {} });
    const events: RetryEvent[] = [];
    await clientRecording(events).getTenant();
    expect(events.map((e) => e.delayMs)).toEqual([1000]);
  });

  it('reads Retry-After as an HTTP date too', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(parseRetryAfter('Sun, 29 Nov 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it.each([
    ['a Retry-After beyond maxRetryAfterMs', { status: 503, headers: { 'Retry-After': '3600' } }],
    ['a status that is not retryable', { status: 500 }],
  ])('does not retry after %s', async (_what, answer) => {
    server.script(answer, { status: 200, body: {} });
    const events: RetryEvent[] = [];
    expect(
      await clientRecording(events)
        .getTenant()
        .catch((e: unknown) => e),
    ).toBeInstanceOf(TenantHttpError);
    expect(server.received).toHaveLength(1);
  });

  it('retry: false turns retries off', async () => {
    server.script({ status: 503 }, { status: 200, body: {} });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 't', retry: false });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantHttpError);
    expect(server.received).toHaveLength(1);
  });

  it('retries network errors', async () => {
    server.script({ status: 200, body: { name: 'Acme' } });
    let calls = 0;
    const flaky: FetchFunction = async (url, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
      return fetch(url, init);
    };
    const events: RetryEvent[] = [];
    expect(await clientRecording(events, { fetch: flaky }).getTenant()).toEqual({ name: 'Acme' });
    expect(events.map((e) => e.reason)).toEqual(['network']);
  });

  it('gives up on network errors after the retries', async () => {
    const events: RetryEvent[] = [];
    const client = createTenantClient({
      baseUrl: `http://127.0.0.1:${await freePort()}/api`,
      token: 't',
      retry: { minDelayMs: 1, onRetry: (e) => events.push(e) },
    });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantNetworkError);
    expect(events).toHaveLength(2);
  });
});

// POST /tenant sets fields to the values given, so sending it twice is harmless: it is retried like a
// GET. With If-Match it is not: if the first attempt was applied, a replay would report a false 412,
// so it is retried only on answers that guarantee nothing was applied (429, 503).
describe('retrying POST /tenant', () => {
  it('retries a plain update on 502 and on network errors', async () => {
    server.script({ status: 502 }, { status: 200 });
    const events: RetryEvent[] = [];
    await clientRecording(events).updateTenant({ name: 'Acme' });
    expect(server.received.map((r) => r.body)).toEqual(['{"name":"Acme"}', '{"name":"Acme"}']);
  });

  it('does not retry a conditional update on 502 or 504 (it may have been applied)', async () => {
    for (const status of [502, 504]) {
      server.script({ status }, { status: 200 });
      const events: RetryEvent[] = [];
      const error = await clientRecording(events)
        .updateTenant({ name: 'Acme' }, { ifMatch: '"v1"' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TenantHttpError);
      expect(server.received).toHaveLength(1);
    }
  });

  it('retries a conditional update on 503 and 429 (not applied)', async () => {
    server.script({ status: 503 }, { status: 429 }, { status: 200 });
    const events: RetryEvent[] = [];
    await clientRecording(events).updateTenant({ name: 'Acme' }, { ifMatch: '"v1"' });
    expect(server.received.map((r) => r.headers['if-match'])).toEqual(['"v1"', '"v1"', '"v1"']);
  });
});

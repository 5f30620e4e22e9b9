// The transport every request goes through: the token, retries and their waits, timeouts, aborts and
// network failures, against a scripted HTTP server on loopback.
import { inspect } from 'node:util';
import { freePort } from '@tenantctl/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createTenantClient,
  type FetchFunction,
  type RetryEvent,
  TenantAuthError,
  TenantHttpError,
  TenantNetworkError,
  TenantSignInError,
  TenantTimeoutError,
} from '../src/index.js';
import { resolveRetryPolicy } from '../src/retry-policy.js';
import { bodyRead, createTransport, type TransportOptions } from '../src/transport.js';
import { type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

const TOKEN = 'canary-token-5f1e2d';
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function clientRecording(events: RetryEvent[], extra: { fetch?: FetchFunction } = {}) {
  return createTenantClient({
    baseUrl: server.baseUrl,
    token: TOKEN,
    retry: { retries: 2, minDelayMs: 20, maxDelayMs: 1000, onRetry: (event) => events.push(event) },
    ...extra,
  });
}

describe('retries', () => {
  it.each([429, 502, 503, 504])('retries %i, then succeeds, reporting each wait', async (status) => {
    server.script({ status }, { status }, { status: 200, body: { name: 'Acme' } });
    const events: RetryEvent[] = [];
    expect(await clientRecording(events).getTenant()).toEqual({ name: 'Acme' });
    expect(server.received).toHaveLength(3);
    expect(events.map(({ delayMs: _, ...event }) => event)).toEqual([
      { attempt: 1, reason: status, method: 'GET', url: `${server.baseUrl}/tenant` },
      { attempt: 2, reason: status, method: 'GET', url: `${server.baseUrl}/tenant` },
    ]);
  });

  it('backs off exponentially with jitter, then gives up with the last answer', async () => {
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

  it('waits what Retry-After says', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200, body: {} });
    const events: RetryEvent[] = [];
    await clientRecording(events).getTenant();
    expect(events.map((e) => e.delayMs)).toEqual([1000]);
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
    expect(events).toEqual([]);
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

  it('gives up on network errors after the retries, saying why', async () => {
    const events: RetryEvent[] = [];
    const client = createTenantClient({
      baseUrl: `http://127.0.0.1:${await freePort()}/api`,
      token: TOKEN,
      retry: { minDelayMs: 1, onRetry: (e) => events.push(e) },
    });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantNetworkError);
    expect((error as Error).message).toMatch(/^could not reach the server \(.*ECONNREFUSED.*\)$/);
    expect((error as TenantNetworkError).status).toBeUndefined();
    expect(events).toHaveLength(2);
    expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
  });

  it('a connection closed without an answer is a network error', async () => {
    server.script({ status: 200, destroy: true });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, retry: false });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantNetworkError);
  });
});

// POST /tenant sets fields to the values given, so sending it twice is harmless: it is retried like a
// GET. With If-Match it is not: if the first attempt was applied, a replay would report a false 412,
// so it is retried only on answers that guarantee nothing was applied (429, 503).
describe('retrying POST /tenant', () => {
  it('retries a plain update on 502, with the same body', async () => {
    server.script({ status: 502 }, { status: 200 });
    await clientRecording([]).updateTenant({ name: 'Acme' });
    expect(server.received.map((r) => r.body)).toEqual(['{"name":"Acme"}', '{"name":"Acme"}']);
  });

  it('does not retry a conditional update on 502 or 504 (it may have been applied), nor after a network error', async () => {
    for (const status of [502, 504]) {
      server.script({ status }, { status: 200 });
      const error = await clientRecording([])
        .updateTenant({ name: 'Acme' }, { ifMatch: '"v1"' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TenantHttpError);
      expect(server.received).toHaveLength(1);
    }
    let calls = 0;
    const failing: FetchFunction = async () => {
      calls++;
      throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') });
    };
    const error = await clientRecording([], { fetch: failing })
      .updateTenant({ name: 'Acme' }, { ifMatch: '"v1"' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantNetworkError);
    expect(calls).toBe(1);
  });

  it('retries a conditional update on 503 and 429 (not applied)', async () => {
    server.script({ status: 503 }, { status: 429 }, { status: 200 });
    await clientRecording([]).updateTenant({ name: 'Acme' }, { ifMatch: '"v1"' });
    expect(server.received.map((r) => r.headers['if-match'])).toEqual(['"v1"', '"v1"', '"v1"']);
  });
});

describe('tokens', () => {
  const unauthorized = { status: 401, body: { errors: [{ code: 'UNAUTHORIZED', message: 'expired' }] } };

  it('calls getToken for every request (sync or async)', async () => {
    server.script({ status: 200, body: {} });
    let n = 0;
    const getToken = vi.fn(async () => `token-${++n}`);
    const client = createTenantClient({ baseUrl: server.baseUrl, getToken });
    await client.getTenant();
    await client.updateTenant({ name: 'Acme' });
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(getToken).toHaveBeenNthCalledWith(1, { refresh: false });
    expect(server.received.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('after a 401, asks getToken for a fresh token once and replays the request', async () => {
    server.script(unauthorized, { status: 200, body: { name: 'Acme' } });
    const getToken = vi.fn(({ refresh }: { refresh: boolean }) => (refresh ? 'fresh' : 'stale'));
    const client = createTenantClient({ baseUrl: server.baseUrl, getToken });
    expect(await client.updateTenant({ name: 'Acme' })).toEqual({ etag: undefined });
    expect(getToken.mock.calls).toEqual([[{ refresh: false }], [{ refresh: true, rejectedToken: 'stale' }]]);
    expect(server.received.map((r) => [r.headers.authorization, r.body])).toEqual([
      ['Bearer stale', '{"name":"Acme"}'],
      ['Bearer fresh', '{"name":"Acme"}'],
    ]);
  });

  it('gives up with TenantAuthError when the fresh token is refused too (no loop)', async () => {
    server.script(unauthorized);
    const getToken = vi.fn(() => 'whatever');
    const client = createTenantClient({ baseUrl: server.baseUrl, getToken });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantAuthError);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(server.received).toHaveLength(2);
  });

  it('does not replay after a 401 when the token is a fixed string', async () => {
    server.script(unauthorized);
    const client = createTenantClient({ baseUrl: server.baseUrl, token: 'fixed' });
    expect(await client.getTenant().catch((e: unknown) => e)).toBeInstanceOf(TenantAuthError);
    expect(server.received).toHaveLength(1);
  });

  // A fixed token is taken without waiting a turn; a provider's promise is waited for. Both must fail alike.
  it.each([
    ['throws', 'sync'],
    ['rejects', 'async'],
  ])('a getToken that %s is an auth error and sends nothing', async (_what, mode) => {
    server.script({ status: 200, body: {} });
    const cause = new Error('login failed');
    const client = createTenantClient({
      baseUrl: server.baseUrl,
      getToken:
        mode === 'sync'
          ? () => {
              throw cause;
            }
          : () => Promise.reject(cause),
    });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAuthError);
    expect(error).toMatchObject({
      message: 'getToken() failed, so no request was sent',
      status: undefined,
      cause,
    });
    expect(server.received).toHaveLength(0);
  });

  it.each([
    ['rejected', 'async'],
    ['thrown', 'sync'],
  ])(
    "passes the client's own errors from getToken through, %s (a session that ended says so)",
    async (_what, mode) => {
      const ended = new TenantSignInError('the session has ended', {
        method: 'POST',
        reason: 'session-ended',
      });
      const getToken =
        mode === 'async'
          ? () => Promise.reject(ended)
          : () => {
              throw ended;
            };
      const client = createTenantClient({ baseUrl: server.baseUrl, getToken });
      expect(await client.getTenant().catch((e: unknown) => e)).toBe(ended);
      expect(server.received).toHaveLength(0);
    },
  );

  it.each([
    ['control characters', `${TOKEN}\r\nX-Evil: 1`],
    ['a space', `${TOKEN} x`],
    ['nothing', ''],
  ])('a token with %s is refused without quoting it, and nothing is sent', async (_what, token) => {
    server.script({ status: 200, body: {} });
    const client = createTenantClient({ baseUrl: server.baseUrl, token });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAuthError);
    expect((error as Error).message).toBe(
      'the token is empty or has characters that cannot be sent in an HTTP header',
    );
    expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
    expect(server.received).toHaveLength(0);
  });

  // A getToken written in plain JavaScript may return anything; "undefined" or "42" must not be sent.
  it.each([
    ['undefined', undefined],
    ['a number', 42],
    ['a promise of undefined', Promise.resolve(undefined)],
    ['a promise of a token with a line break', Promise.resolve(`${TOKEN}\r\nX-Evil: 1`)],
  ])('a getToken that returns %s is refused, and nothing is sent', async (_what, value) => {
    server.script({ status: 200, body: {} });
    const client = createTenantClient({
      baseUrl: server.baseUrl,
      getToken: () => value as unknown as string,
    });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantAuthError);
    expect((error as Error).message).toBe(
      'the token is empty or has characters that cannot be sent in an HTTP header',
    );
    expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
    expect(server.received).toHaveLength(0);
  });
});

describe('timeouts and aborts', () => {
  it('no answer within timeoutMs is a TenantTimeoutError, not retried', async () => {
    server.script({ status: 200, hang: true });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 150 });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantTimeoutError);
    expect(error).toMatchObject({
      message: 'no answer within 150 ms',
      method: 'GET',
      url: `${server.baseUrl}/tenant`,
    });
    expect(server.received).toHaveLength(1);
    expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
  });

  it('a body that stops arriving is a TenantTimeoutError too', async () => {
    server.script({ status: 200, trickle: true });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 200 });
    const error = await client.getTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantTimeoutError);
    expect((error as Error).message).toBe('no complete answer within the timeout');
  });

  it("the caller's AbortSignal cancels the request: an abort, not a timeout", async () => {
    server.script({ status: 200, hang: true });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = client.getTenant({ signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('user gave up')), 50);
    const error = await pending;
    expect(error).not.toBeInstanceOf(TenantTimeoutError);
    expect((error as Error).message).toBe('user gave up');
  });

  it('an already aborted signal sends nothing', async () => {
    server.script({ status: 200, body: {} });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN });
    const error = await client
      .getTenant({ signal: AbortSignal.abort(new Error('before')) })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe('before');
    expect(server.received).toHaveLength(0);
  });

  it('an abort during a retry wait ends the wait', async () => {
    server.script({ status: 503, headers: { 'Retry-After': '30' } }, { status: 200, body: {} });
    const client = createTenantClient({ baseUrl: server.baseUrl, token: TOKEN });
    const controller = new AbortController();
    const pending = client.getTenant({ signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('stop waiting')), 100);
    expect(((await pending) as Error).message).toBe('stop waiting');
    // Only one request, and the test ends long before the 30 s the server asked to wait.
    expect(server.received).toHaveLength(1);
  });
});

// The transport on its own, for what the typed methods never send: HEAD, OPTIONS, a conditional GET.
describe('createTransport', () => {
  const transportRecording = (events: RetryEvent[], extra: Partial<TransportOptions> = {}) =>
    createTransport({
      canRefresh: false,
      timeoutMs: 5000,
      retry: { ...resolveRetryPolicy({ minDelayMs: 1 }), onRetry: (event) => events.push(event) },
      fetch: (url, init) => fetch(url, init),
      ...extra,
    });

  it.each(['GET', 'HEAD', 'OPTIONS'])(
    'retries a %s with If-Match on 502: a read is safe to send again',
    async (method) => {
      server.script({ status: 502 }, { status: 200 });
      const events: RetryEvent[] = [];
      const request = new Request(`${server.baseUrl}/tenant`, { method, headers: { 'If-Match': '"v1"' } });
      expect((await transportRecording(events)(request)).status).toBe(200);
      expect(events.map((e) => e.reason)).toEqual([502]);
      expect(server.received.map((r) => r.method)).toEqual([method, method]);
    },
  );

  it.each(['POST', 'DELETE', 'PATCH'])('does not retry a %s with If-Match on 502', async (method) => {
    server.script({ status: 502 }, { status: 200 });
    const events: RetryEvent[] = [];
    const request = new Request(`${server.baseUrl}/tenant`, { method, headers: { 'If-Match': '"v1"' } });
    expect((await transportRecording(events)(request)).status).toBe(502);
    expect(events).toEqual([]);
  });

  it('sends no user agent of its own when none is given', async () => {
    server.script({ status: 200 });
    await transportRecording([])(new Request(`${server.baseUrl}/tenant`));
    expect(server.received[0]?.headers['user-agent']).not.toBe('undefined');
  });

  it('waits a Retry-After of exactly maxRetryAfterMs', async () => {
    server.script({ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 });
    const events: RetryEvent[] = [];
    const send = transportRecording(events, {
      retry: { ...resolveRetryPolicy({ maxRetryAfterMs: 1000 }), onRetry: (event) => events.push(event) },
    });
    expect((await send(new Request(`${server.baseUrl}/tenant`))).status).toBe(200);
    expect(events.map((e) => e.delayMs)).toEqual([1000]);
  });

  it('an abort with retries off is the abort, not a network error', async () => {
    server.script({ status: 200, hang: true });
    const controller = new AbortController();
    const send = transportRecording([], { retry: resolveRetryPolicy(false) });
    const pending = send(new Request(`${server.baseUrl}/tenant`), controller.signal).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('user gave up')), 50);
    expect(await pending).toEqual(new Error('user gave up'));
  });

  it('the timeout is the cause of a TenantTimeoutError, saying how long it waited', async () => {
    server.script({ status: 200, hang: true });
    const error = await transportRecording([], { timeoutMs: 100 })(
      new Request(`${server.baseUrl}/tenant`),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantTimeoutError);
    expect((error as TenantTimeoutError).cause).toMatchObject({
      name: 'TimeoutError',
      message: 'no answer within 100 ms',
    });
  });

  it('the timeout runs on while a body is read, and bodyRead stops it', async () => {
    vi.useFakeTimers();
    try {
      const signals: AbortSignal[] = [];
      const send = transportRecording([], {
        timeoutMs: 100,
        fetch: async (_url, init) => {
          if (init.signal) signals.push(init.signal);
          return new Response('{}');
        },
      });
      const read = await send(new Request(`${server.baseUrl}/tenant`));
      await send(new Request(`${server.baseUrl}/tenant`));
      bodyRead(read);
      vi.advanceTimersByTime(101);
      expect(signals.map((signal) => signal.aborted)).toEqual([false, true]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a network failure without a cause of its own is named by what was thrown, with where it went', async () => {
    const thrown = new Error('socket hang up');
    const send = transportRecording([], {
      retry: resolveRetryPolicy(false),
      fetch: () => Promise.reject(thrown),
    });
    const error = await send(new Request(`${server.baseUrl}/tenant?x=1`, { method: 'GET' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TenantNetworkError);
    expect(error).toMatchObject({
      message: 'could not reach the server (Error: socket hang up)',
      method: 'GET',
      url: `${server.baseUrl}/tenant`, // redacted: a query may hold a secret
      cause: thrown,
    });
  });
});

// CORS for the origins an operator names: preflights answered, ETag exposed, other origins told nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORS_EXPOSED_HEADERS, isOrigin } from '../src/cors.js';
import { type RunningServer, serve } from '../src/server.js';
import { openStore } from '../src/storage/open-store.js';
import { seedTenants } from '../src/testing/index.js';

const allowed = 'https://app.example.com';
let server: RunningServer;
let token = '';
beforeAll(async () => {
  const store = await openStore(':memory:');
  token = (await seedTenants(store, ['Cors']))[0]?.token ?? '';
  server = await serve({ store, port: 0, logger: false, corsOrigins: [allowed, 'http://127.0.0.1:5173'] });
});
afterAll(() => server.close());

const inject = (options: { method: 'GET' | 'OPTIONS'; url: string; headers: Record<string, string> }) =>
  server.app.inject(options);

describe('CORS', () => {
  it('answers a preflight from an allowed origin for GET and POST with the headers a client sends', async () => {
    const answer = await inject({
      method: 'OPTIONS',
      url: '/api/tenant',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, if-match',
      },
    });
    expect(answer.statusCode).toBe(204);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': allowed,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Authorization, Content-Type, If-Match',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('exposes ETag on answers to an allowed origin', async () => {
    const answer = await inject({
      method: 'GET',
      url: '/api/tenant',
      headers: { origin: allowed, authorization: `Bearer ${token}` },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(allowed);
    expect(answer.headers['access-control-expose-headers']).toBe(CORS_EXPOSED_HEADERS);
    expect(CORS_EXPOSED_HEADERS).toContain('ETag');
  });

  it('tells another origin nothing: no CORS header, and its preflight is an ordinary 405', async () => {
    const get = await inject({
      method: 'GET',
      url: '/api/tenant',
      headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` },
    });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
    expect(get.headers['access-control-expose-headers']).toBeUndefined();
    const preflight = await inject({
      method: 'OPTIONS',
      url: '/api/tenant',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('takes origins only: scheme, host and port', () => {
    expect(isOrigin('https://app.example.com')).toBe(true);
    expect(isOrigin('http://127.0.0.1:5173')).toBe(true);
    expect(isOrigin('https://app.example.com/')).toBe(false);
    expect(isOrigin('https://app.example.com/path')).toBe(false);
    expect(isOrigin('app.example.com')).toBe(false);
    expect(isOrigin('*')).toBe(false);
  });
});

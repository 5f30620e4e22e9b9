// The reference routes through the app: no token needed, the right types, the policy on the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (url: string) => server.app.inject({ method: 'GET', url });

describe('the reference routes', () => {
  it.each([
    ['/api/docs', /^text\/html/],
    ['/api/docs/renderer.js', /^text\/javascript/],
    ['/api/openapi.yaml', /^application\/yaml/],
    ['/api/openapi.json', /^application\/json/],
  ])('%s answers without a token, as %s, cacheable', async (url, type) => {
    const answer = await get(url);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(type);
    expect(answer.headers['cache-control']).toBe('public, max-age=300');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('puts the Content-Security-Policy on the page', async () => {
    expect((await get('/api/docs')).headers['content-security-policy']).toMatch(
      /^default-src 'none'; script-src 'self'/,
    );
  });

  it('keeps the API behind its token', async () => {
    expect((await get('/api/tenant')).statusCode).toBe(401);
  });
});

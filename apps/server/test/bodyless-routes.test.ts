// POSTs that take no body read none: whatever media type a client sends with one, the route runs.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerBodyless } from '../src/bodyless-routes.js';

describe('registerBodyless', () => {
  it.each([
    ['no body', {}],
    ['an empty text/plain body', { headers: { 'content-type': 'text/plain' }, payload: '' }],
    ['a JSON body', { headers: { 'content-type': 'application/json' }, payload: '{"a":1}' }],
    ['a body of an odd type', { headers: { 'content-type': 'application/x-whatever' }, payload: 'x' }],
  ])('runs the route for a POST with %s, which it never reads', async (_what, request) => {
    const app = Fastify();
    registerBodyless(app, (scope) => {
      scope.post('/end', async (incoming) => ({ body: incoming.body ?? null }));
    });
    const answer = await app.inject({ method: 'POST', url: '/end', ...request });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ body: null });
    await app.close();
  });

  it('leaves the other routes their parsers: they still refuse an odd media type', async () => {
    const app = Fastify();
    registerBodyless(app, (scope) => {
      scope.post('/end', async () => ({}));
    });
    app.post('/other', async () => ({}));
    const answer = await app.inject({
      method: 'POST',
      url: '/other',
      headers: { 'content-type': 'application/x-whatever' },
      payload: 'x',
    });
    expect(answer.statusCode).toBe(415);
    await app.close();
  });
});

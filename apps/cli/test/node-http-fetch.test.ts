// The CLI's fetch over node:http against a local server: requests, answers, aborts and failures.
import type { IncomingMessage } from 'node:http';
import { freePort } from '@tenantctl/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from '../src/node-http-fetch.js';
import { type LoopbackServer, startLoopbackServer } from './support/loopback-server.js';

let server: LoopbackServer;
let base: string;
let last:
  | { method?: string; url?: string; headers: IncomingMessage['headers']; body: string; port?: number }
  | undefined;
beforeAll(async () => {
  server = await startLoopbackServer((req, body, res) => {
    last = { method: req.method, url: req.url, headers: req.headers, body, port: req.socket.remotePort };
    if (req.url === '/hang') return;
    if (req.url === '/zero') {
      res.writeHead(200, { 'Content-Length': '0' });
      return void res.end();
    }
    if (req.url === '/empty') {
      res.writeHead(204);
      return void res.end();
    }
    res.setHeader('Set-Cookie', ['a=1', 'b=2']);
    res.writeHead(req.url === '/missing' ? 404 : 200, 'Fine', {
      'Content-Type': 'application/json',
      ETag: '"e"',
    });
    res.end(JSON.stringify({ echo: body }));
  });
  base = server.origin;
});
afterAll(() => server.close());

describe('nodeHttpFetch', () => {
  it('GETs with the given headers and answers a Response with status, headers and body', async () => {
    const response = await nodeHttpFetch(`${base}/x?q=1`, { headers: { Authorization: 'Bearer t' } });
    expect(last).toMatchObject({ method: 'GET', url: '/x?q=1', body: '' });
    expect(last?.headers.authorization).toBe('Bearer t');
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('Fine');
    expect(response.headers.get('etag')).toBe('"e"');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ echo: '' });
  });

  it('POSTs a string or binary body with its length', async () => {
    await (
      await nodeHttpFetch(`${base}/p`, {
        method: 'POST',
        body: '{"a":1}',
        headers: new Headers({ 'Content-Type': 'application/json' }),
      })
    ).text();
    expect(last).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(last?.headers['content-length']).toBe('7');
    expect(last?.headers['content-type']).toBe('application/json');
    await (
      await nodeHttpFetch(`${base}/p`, { method: 'POST', body: new TextEncoder().encode('bytes') })
    ).text();
    expect(last?.body).toBe('bytes');
  });

  it('gives an error status as a Response, and a 204 without a body', async () => {
    expect((await nodeHttpFetch(`${base}/missing`, {})).status).toBe(404);
    const empty = await nodeHttpFetch(`${base}/empty`, {});
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('drains a body of Content-Length 0 itself, so its connection is free for the next request', async () => {
    // openapi-fetch never reads such a body: an unread one would hold its socket (and the process).
    const first = await nodeHttpFetch(`${base}/zero`);
    expect(first.status).toBe(200);
    expect(first.body).toBeNull();
    const firstPort = last?.port;
    await new Promise((resolve) => setImmediate(resolve));
    await nodeHttpFetch(`${base}/zero`);
    expect(last?.port).toBe(firstPort);
  });

  it('fails like fetch when nothing listens: a TypeError whose cause has the code', async () => {
    const error = (await nodeHttpFetch(`http://127.0.0.1:${await freePort()}/`, {}).catch(
      (e: unknown) => e,
    )) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('rejects with the reason of the signal that aborts it', async () => {
    const controller = new AbortController();
    const pending = nodeHttpFetch(`${base}/hang`, { signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('stop')), 50);
    expect(((await pending) as Error).message).toBe('stop');
  });
});

// The stand-ins behave like the fetch API's classes in what openapi-fetch and the client use of them:
// each case runs on both and compares.
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiteFormData, LiteHeaders, LiteRequest, LiteResponse } from '../src/web-lite.js';

const both = <T>(work: (H: typeof Headers) => T) => [
  work(Headers),
  work(LiteHeaders as unknown as typeof Headers),
];
const entries = (h: Headers) => [...h.entries()];

describe('LiteHeaders', () => {
  it.each<[string, (H: typeof Headers) => unknown]>([
    ['a record', (H) => entries(new H({ 'Content-Type': 'a', Accept: 'b' }))],
    [
      'pairs',
      (H) =>
        entries(
          new H([
            ['X-A', '1'],
            ['x-a', '2'],
          ]),
        ),
    ],
    ['another Headers', (H) => entries(new H(new H({ B: '2', A: '1' })))],
    [
      'append then get',
      (H) => {
        const h = new H();
        h.append('X', '1');
        h.append('x', '2');
        return h.get('X');
      },
    ],
    [
      'set replaces',
      (H) => {
        const h = new H({ X: '1' });
        h.set('x', '3');
        return entries(h);
      },
    ],
    ['get of a missing name', (H) => new H().get('nope')],
    [
      'has and delete',
      (H) => {
        const h = new H({ A: '1' });
        const had = h.has('a');
        h.delete('A');
        return [had, h.has('a')];
      },
    ],
    [
      'forEach',
      (H) => {
        const seen: string[] = [];
        new H({ b: '2', a: '1' }).forEach((v, n) => {
          seen.push(`${n}=${v}`);
        });
        return seen;
      },
    ],
    [
      'keys and values',
      (H) => {
        const h = new H({ b: '2', a: '1' });
        return [[...h.keys()], [...h.values()]];
      },
    ],
    ['spread', (H) => [...new H({ Z: '9' })]],
  ])('%s', (_what, work) => {
    const [real, lite] = both(work);
    expect(lite).toEqual(real);
  });
});

describe('LiteRequest', () => {
  it('has what the transport reads, like Request', async () => {
    for (const R of [Request, LiteRequest as unknown as typeof Request]) {
      const request = new R('http://pbx.test/api/tenant', {
        method: 'post',
        headers: new Headers({ 'If-Match': '"1"' }),
        body: '{"a":1}',
        redirect: 'follow',
      });
      expect(request.url).toBe('http://pbx.test/api/tenant');
      expect(request.method).toBe('POST');
      expect(request.headers.get('if-match')).toBe('"1"');
      expect(request.redirect).toBe('follow');
      expect(request.signal.aborted).toBe(false);
      expect(request.body).not.toBeNull();
      expect(new TextDecoder().decode(await request.arrayBuffer())).toBe('{"a":1}');
      expect(new R('http://pbx.test/x').body).toBeNull();
    }
  });

  it('refuses a URL that is not absolute', () => {
    expect(() => new LiteRequest('/relative')).toThrow();
  });
});

describe('LiteResponse', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/cut') {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('{"a":');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ok":true,"é":"ü"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const fetchLite = (path: string, signal?: AbortSignal) =>
    new Promise<LiteResponse>((resolve, reject) => {
      request(`${base}${path}`, (incoming: IncomingMessage) =>
        resolve(
          new LiteResponse(incoming, {
            status: incoming.statusCode ?? 0,
            headers: new LiteHeaders(),
            ...(signal ? { signal } : {}),
          }),
        ),
      )
        .on('error', reject)
        .end();
    });

  it('reads the body as text, JSON or bytes, once', async () => {
    expect(await (await fetchLite('/')).json()).toEqual({ ok: true, é: 'ü' });
    expect(await (await fetchLite('/')).text()).toBe('{"ok":true,"é":"ü"}');
    expect((await (await fetchLite('/')).arrayBuffer()).byteLength).toBe(21); // é and ü are two bytes each
  });

  it('says whether the status is a success', () => {
    const at = (status: number) => new LiteResponse(undefined, { status, headers: new LiteHeaders() }).ok;
    expect([at(199), at(200), at(299), at(300), at(404)]).toEqual([false, true, true, false, false]);
  });

  it('has no body when built without a message, and reads as empty', async () => {
    const empty = new LiteResponse(undefined, { status: 204, headers: new LiteHeaders() });
    expect(empty.body).toBeNull();
    expect(await empty.text()).toBe('');
  });

  it('rejects a body cut short, with the reason of the signal when it aborted', async () => {
    await expect((await fetchLite('/cut')).text()).rejects.toThrow();
    const controller = new AbortController();
    const response = await fetchLite('/cut', controller.signal);
    controller.abort(new DOMException('too slow', 'TimeoutError'));
    response.body?.cancel();
    await expect(response.text()).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});

describe('LiteFormData', () => {
  it('is a class nothing is an instance of', () => {
    expect({} instanceof LiteFormData).toBe(false);
    expect((new String('x') as object) instanceof LiteFormData).toBe(false);
  });
});

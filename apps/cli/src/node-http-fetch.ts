// A fetch for the CLI on node:http/https. Node 20's own fetch costs ~250 ms on first use (it loads undici
// and compiles its WebAssembly HTTP parser), more than the rest of a `tenantctl get`.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { LiteHeaders, LiteResponse } from './web-lite.js';

type HeadersLike =
  | { forEach(callback: (value: string, name: string) => void): void }
  | Record<string, string>;

function plainHeaders(headers: RequestInit['headers'] | undefined): Record<string, string> {
  const plain: Record<string, string> = {};
  if (!headers) return plain;
  const like = headers as HeadersLike;
  if (typeof like.forEach === 'function')
    (like.forEach as (cb: (v: string, n: string) => void) => void)((value, name) => {
      plain[name.toLowerCase()] = value;
    });
  else for (const [name, value] of Object.entries(like)) plain[name.toLowerCase()] = String(value);
  return plain;
}

async function bodyBytes(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body == null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('nodeHttpFetch sends string and byte bodies only');
}

/**
 * `fetch(url, init)` for the client's own calls: string or byte bodies, any headers, a signal. The
 * Response is a LiteResponse: the parts of one that openapi-fetch and the client read.
 */
export async function nodeHttpFetch(target: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(target);
  const method = init.method ?? 'GET';
  const signal = init.signal ?? undefined;
  const body = await bodyBytes(init.body);
  const headers = plainHeaders(init.headers);
  if (body) headers['content-length'] = String(body.length);
  // node:https (and TLS) only when the URL needs it: loading them costs a few ms of every start.
  const send = url.protocol === 'https:' ? process.getBuiltinModule('node:https').request : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      { method, headers, ...(signal ? { signal } : {}) },
      (incoming: IncomingMessage) => {
        const responseHeaders = new LiteHeaders();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
        }
        // An empty body is drained here: openapi-fetch does not read one with Content-Length 0, and an
        // unread message keeps its socket out of the pool, and the process alive until the server
        // closes it (5 s later, for Node's own servers).
        const noBody =
          method === 'HEAD' ||
          incoming.statusCode === 204 ||
          incoming.statusCode === 304 ||
          incoming.headers['content-length'] === '0';
        if (noBody) incoming.resume();
        const response = new LiteResponse(noBody ? undefined : incoming, {
          status: incoming.statusCode ?? 502,
          statusText: incoming.statusMessage ?? '',
          headers: responseHeaders,
          ...(signal ? { signal } : {}),
        });
        resolve(response as unknown as Response);
      },
    );
    // The same shape as fetch's failures, so the client maps them alike (the cause carries the code).
    outgoing.on('error', (cause) =>
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause })),
    );
    outgoing.end(body);
  });
}

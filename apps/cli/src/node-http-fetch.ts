// A fetch for the CLI on node:http/https. Node 20's own fetch costs ~250 ms on first use (it loads undici
// and compiles its WebAssembly HTTP parser), more than the rest of a `tenantctl get`.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/** `fetch(url, init)` for the client's own calls: string or buffer bodies, any headers, a signal. */
export async function nodeHttpFetch(target: string, init: RequestInit): Promise<Response> {
  const url = new URL(target);
  const method = init.method ?? 'GET';
  const signal = init.signal ?? new AbortController().signal;
  const body = init.body == null ? undefined : Buffer.from(await new Response(init.body).arrayBuffer());
  const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers));
  if (body) headers['content-length'] = String(body.length);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method, headers, signal }, (incoming: IncomingMessage) => {
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const one of Array.isArray(value) ? value : [value ?? '']) responseHeaders.append(name, one);
      }
      const noBody = method === 'HEAD' || incoming.statusCode === 204 || incoming.statusCode === 304;
      resolve(
        new Response(noBody ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>), {
          status: incoming.statusCode ?? 502,
          statusText: incoming.statusMessage ?? '',
          headers: responseHeaders,
        }),
      );
    });
    // The same shape as fetch's failures, so the client maps them alike (the cause carries the code).
    outgoing.on('error', (cause) =>
      reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause })),
    );
    outgoing.end(body);
  });
}

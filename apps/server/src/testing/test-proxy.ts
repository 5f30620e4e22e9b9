// A proxy on loopback in front of a test server, for what a real network does to a client: a delay on
// every request (a PBX far away), and a 429 with Retry-After to every nth POST (a PBX that throttles).
// It logs each request: when it came, and what was answered.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestProxyOptions {
  /** The URL of the server behind it (its path prefix is kept, e.g. `/api`). */
  target: string;
  /** Milliseconds every request waits before it is passed on. */
  delayMs?: number;
  /** Every nth POST gets 429 with `Retry-After: retryAfterSeconds` instead of being passed on. */
  throttleEveryPost?: number;
  retryAfterSeconds?: number;
}

export interface ProxyLogEntry {
  method: string;
  path: string;
  /** When the request arrived (ms since the epoch). */
  at: number;
  status: number;
}

export interface TestProxy {
  /** The proxy's URL, with the target's path prefix. */
  readonly url: string;
  readonly log: ProxyLogEntry[];
  close(): Promise<void>;
}

export async function startTestProxy(options: TestProxyOptions): Promise<TestProxy> {
  const upstream = new URL(options.target);
  const log: ProxyLogEntry[] = [];
  let posts = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const at = Date.now();
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    if (method === 'POST' && options.throttleEveryPost && ++posts % options.throttleEveryPost === 0) {
      log.push({ method, path, at, status: 429 });
      incoming.resume();
      outgoing.writeHead(429, {
        'Retry-After': String(options.retryAfterSeconds ?? 1),
        'Content-Type': 'application/json',
      });
      outgoing.end('{"errors":[{"code":"TOO_MANY_REQUESTS","message":"Slow down."}]}');
      return;
    }
    // The body is read at once and sent on after the delay (a stream piped later may have ended unseen).
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const pass = () => {
        const forwarded = httpRequest(
          { host: upstream.hostname, port: upstream.port, method, path, headers: incoming.headers },
          (answer) => {
            log.push({ method, path, at, status: answer.statusCode ?? 0 });
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        forwarded.on('error', () => outgoing.destroy());
        forwarded.end(Buffer.concat(chunks));
      };
      if (options.delayMs) setTimeout(pass, options.delayMs);
      else pass();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

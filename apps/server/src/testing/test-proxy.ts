// A proxy on loopback in front of a test server, for what a real network does to a client: a delay on
// every request (a PBX far away), and a 429 with Retry-After to every nth POST (a PBX that throttles).
// It logs each request: when it came, and what was answered. It can fail chosen requests (a PBX
// that answers 500 for one tenant). It can also hold every POST until the test
// lets them go: a writer kept mid-run for as long as the test needs it (no timing guessed).
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
  /** A status to answer instead of passing the request on (with the vendor's error body), or undefined. */
  fail?: (method: string, path: string) => number | undefined;
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
  /** From now on, POSTs wait at the proxy (reads still pass) until `releasePosts`. */
  holdPosts(): void;
  /** Resolves once `count` POSTs are waiting. */
  whenHeld(count: number): Promise<void>;
  /**
   * Sends on the first `count` POSTs that wait (all of them, and stops holding, without a count);
   * resolves once the server has answered each of them.
   */
  releasePosts(count?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestProxy(options: TestProxyOptions): Promise<TestProxy> {
  const upstream = new URL(options.target);
  const log: ProxyLogEntry[] = [];
  let posts = 0;
  let holding = false;
  const held: (() => Promise<void>)[] = [];
  const waiters = new Set<{ count: number; resolve: () => void }>();
  const hold = (pass: () => Promise<void>) => {
    held.push(pass);
    for (const waiter of waiters) {
      if (held.length >= waiter.count) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };
  const server: Server = createServer((incoming, outgoing) => {
    const at = Date.now();
    const method = incoming.method ?? 'GET';
    const path = incoming.url ?? '/';
    const failure = options.fail?.(method, path);
    if (failure !== undefined) {
      log.push({ method, path, at, status: failure });
      incoming.resume();
      outgoing.writeHead(failure, { 'Content-Type': 'application/json' });
      outgoing.end('{"errors":[{"code":"UNKNOWN","message":"The PBX failed (a test proxy said so)."}]}');
      return;
    }
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
      /** Sends the request on; resolves once the server's answer has been read (or the request failed). */
      const pass = () =>
        new Promise<void>((resolve) => {
          const forwarded = httpRequest(
            { host: upstream.hostname, port: upstream.port, method, path, headers: incoming.headers },
            (answer) => {
              log.push({ method, path, at, status: answer.statusCode ?? 0 });
              answer.on('end', resolve);
              // The client may be gone (killed while its request was held): the server answered all the same.
              if (outgoing.destroyed) return void answer.resume();
              outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(outgoing);
            },
          );
          forwarded.on('error', () => {
            outgoing.destroy();
            resolve();
          });
          forwarded.end(Buffer.concat(chunks));
        });
      if (holding && method === 'POST') hold(pass);
      else if (options.delayMs) setTimeout(pass, options.delayMs);
      else void pass();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    log,
    holdPosts: () => {
      holding = true;
    },
    whenHeld: (count) =>
      held.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.add({ count, resolve })),
    releasePosts: async (count) => {
      if (count === undefined) holding = false;
      await Promise.all(held.splice(0, count ?? held.length).map((pass) => pass()));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

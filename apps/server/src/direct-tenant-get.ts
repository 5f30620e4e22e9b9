// `GET /tenant` answered straight from node:http when everything it needs is in memory: the token's
// owner as the store remembers it and the body kept for that version. It is the API's hottest request,
// and fastify's routing and reply were most of its cost. Anything else (another request, an unknown or
// expired token, a tenant whose version moved, a server closing) goes to fastify, unchanged. The
// answer is the same as the fastify route's: same status, headers, body and log line (a test compares
// the two byte for byte).
//
// Freshness: the requests that arrive in one turn of the event loop are answered together, after one
// `catchUp()` (SQLite's `PRAGMA data_version`) made once they had all arrived. So every commit that
// ended before a request was sent is seen by it, and the check costs one read per turn, not per request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonType, noStore } from './answer-headers.js';
import type { RequestLog } from './request-log.js';
import type { RememberedOwners } from './storage/tenant-store.js';
import type { TenantBodyCache } from './tenant-body-cache.js';
import { bearerToken, hashToken } from './tokens.js';

export interface DirectTenantGetOptions {
  /** The path of `GET /tenant` under the API's prefix, exactly (a query string goes to fastify). */
  path: string;
  memory: RememberedOwners;
  bodies: TenantBodyCache;
  log: RequestLog | undefined;
  clock: () => number;
  /** Whether the server is closing: then fastify answers (503 with `Connection: close`). */
  closing: () => boolean;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface Waiting {
  request: IncomingMessage;
  response: ServerResponse;
  tokenHash: Buffer;
  start: number;
}

/** A request listener that answers what it can and hands the rest to `fallback` (fastify's handler). */
export function directTenantGet(options: DirectTenantGetOptions, fallback: Handler): Handler {
  const { path, memory, bodies, log, clock, closing } = options;
  let waiting: Waiting[] = [];
  // A client sends the same Authorization header on every request of a keep-alive connection: its
  // token's hash is kept with the connection, keyed by the header, and made again when it changes.
  const hashes = new WeakMap<object, { header: string; hash: Buffer }>();
  const tokenHashOf = (request: IncomingMessage): Buffer | undefined => {
    const header = request.headers.authorization;
    if (header === undefined) return undefined;
    const known = hashes.get(request.socket);
    if (known?.header === header) return known.hash;
    const token = bearerToken(header);
    if (token === undefined) return undefined;
    const hash = hashToken(token);
    hashes.set(request.socket, { header, hash });
    return hash;
  };

  const answerAll = () => {
    const batch = waiting;
    waiting = [];
    memory.catchUp();
    const now = clock();
    for (const { request, response, tokenHash, start } of batch) {
      const owner = memory.remembered(tokenHash, now);
      const kept = owner ? bodies.peek(owner) : undefined;
      if (!kept || closing()) {
        fallback(request, response);
        continue;
      }
      response.writeHead(200, {
        'cache-control': noStore['Cache-Control'],
        etag: kept.etag,
        'content-type': jsonType,
        'content-length': kept.body.length,
      });
      response.end(kept.body);
      log?.request('GET', path, 200, performance.now() - start);
    }
  };

  return (request, response) => {
    const tokenHash =
      request.method === 'GET' && request.url === path && !closing() ? tokenHashOf(request) : undefined;
    if (tokenHash === undefined) return fallback(request, response);
    if (waiting.length === 0) setImmediate(answerAll);
    waiting.push({ request, response, tokenHash, start: performance.now() });
  };
}

// CORS for browser clients on other origins, for the origins an operator names (none by default): a
// preflight for GET and POST with Authorization, Content-Type and If-Match, and ETag exposed (without
// it a browser client cannot read the tag, and its conditional updates would fail). Other origins get
// no CORS header at all.
import type { FastifyInstance } from 'fastify';

const CORS_METHODS = 'GET, POST';
const CORS_REQUEST_HEADERS = 'Authorization, Content-Type, If-Match';
export const CORS_EXPOSED_HEADERS = 'ETag, Retry-After, WWW-Authenticate';

/** An origin as a browser sends it: scheme, host and port, nothing else. */
export function isOrigin(text: string): boolean {
  try {
    return new URL(text).origin === text;
  } catch {
    return false;
  }
}

export function registerCors(app: FastifyInstance, prefix: string, origins: readonly string[]): void {
  if (origins.length === 0) return;
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(`${prefix}/`)) return;
    // Answers differ by Origin: caches must keep them apart.
    reply.header('Vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return;
    reply.header('Access-Control-Allow-Origin', origin);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      return reply
        .headers({
          'Access-Control-Allow-Methods': CORS_METHODS,
          'Access-Control-Allow-Headers': CORS_REQUEST_HEADERS,
          'Access-Control-Max-Age': '600',
        })
        .code(204)
        .send();
    }
    reply.header('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
  });
}

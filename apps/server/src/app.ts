// Builds the Tenant API as a fastify app (never listens: see server.ts). Every error leaves as the
// vendor's `{"errors":[…]}` body; nothing a client sends can produce a 500 or a stack trace.
import { createServer } from 'node:http';
import { validateTenantUpdate } from '@tenantctl/schema';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino } from 'pino';
import { ApiError, apiError, unauthorized, validationError } from './api-errors.js';
import type { StoredTenant, TenantStore } from './storage/tenant-store.js';
import { etagOf, ifMatchHolds, toTenantBody } from './tenant-representation.js';
import { bearerToken, hashToken } from './tokens.js';

export const DEFAULT_PREFIX = '/api';
/** Largest request body accepted: room for a STIR/SHAKEN certificate chain and key, and then some. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  store: TenantStore;
  /** Path prefix of the API, `/api` like the vendor's. */
  prefix?: string;
  bodyLimit?: number;
  /** Structured (pino) logs to `stream` (stdout by default), or `false` for none. */
  logger?: false | { level?: string; stream?: NodeJS.WritableStream };
  /** A request must arrive whole within this time (slow clients cannot hold the server). Default 10 s. */
  requestTimeoutMs?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    tenantId: string;
  }
}

const allowedMethods = 'GET, HEAD, POST';

export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const prefix = (options.prefix ?? DEFAULT_PREFIX).replace(/\/+$/, '');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(options.logger),
    // One line per request (in onResponse below) instead of fastify's two.
    disableRequestLogging: true,
    bodyLimit,
    // Node checks request timeouts every `connectionsCheckingInterval` (30 s by default): check each
    // second, so that a slow client (slow-loris) is dropped soon after its time is up.
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: requestTimeoutMs,
          headersTimeout: requestTimeoutMs,
          connectionsCheckingInterval: 1000,
          keepAliveTimeout: 5000,
        },
        handler,
      ),
    // Keys such as __proto__ are kept as plain keys so the validator names them as unknown fields;
    // bodies are validated before anything is merged.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    return503OnClosing: true,
  }) as unknown as FastifyInstance;

  app.decorateRequest('tenantId', '');
  // Only JSON is accepted: without this, fastify would parse text/plain bodies into strings (400, not 415).
  app.removeContentTypeParser('text/plain');

  async function authenticate(request: FastifyRequest): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    const tenantId = token ? store.tenantIdForToken(hashToken(token)) : undefined;
    if (!tenantId) throw unauthorized();
    request.tenantId = tenantId;
  }

  // The GET body and its ETag, derived once per stored state (the store hands back the same object
  // while the tenant is unchanged).
  const representations = new WeakMap<StoredTenant, { text: string; etag: string }>();
  function representation(request: FastifyRequest): { text: string; etag: string } {
    const tenant = store.readTenant(request.tenantId);
    if (!tenant) throw unauthorized(); // the token's tenant is gone
    let derived = representations.get(tenant);
    if (!derived) {
      const text = JSON.stringify(toTenantBody(tenant));
      derived = { text, etag: etagOf(text) };
      representations.set(tenant, derived);
    }
    return derived;
  }

  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('Cache-Control', 'no-store');
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });

  app.get(`${prefix}/tenant`, { onRequest: authenticate }, async (request, reply) => {
    const { text, etag } = representation(request);
    reply.header('ETag', etag).type('application/json; charset=utf-8');
    return text;
  });

  app.post(`${prefix}/tenant`, { onRequest: authenticate }, async (request, reply) => {
    const checked = validateTenantUpdate(request.body);
    if (!checked.valid) throw validationError(checked.violations);
    const ifMatch = request.headers['if-match'];
    const result = store.mergeSettings(
      request.tenantId,
      checked.value,
      ifMatch === undefined
        ? undefined
        : (current) => ifMatchHolds(ifMatch, etagOf(JSON.stringify(toTenantBody(current)))),
    );
    if (result.outcome === 'not-found') throw unauthorized();
    if (result.outcome === 'precondition-failed') {
      throw apiError(
        412,
        'PRECONDITION_FAILED',
        'The tenant was changed since it was read (If-Match no longer matches); nothing was changed.',
      );
    }
    reply.header('ETag', etagOf(JSON.stringify(toTenantBody(result.tenant))));
    reply.code(200).send();
  });

  app.route({
    method: ['PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: `${prefix}/tenant`,
    handler: async () => {
      throw apiError(405, 'METHOD_NOT_ALLOWED', `Only ${allowedMethods} are allowed on /tenant.`, {
        Allow: allowedMethods,
      });
    },
  });

  app.setNotFoundHandler(async () => {
    throw apiError(404, 'NOT_FOUND', `No such resource; the API is served under ${prefix}/tenant.`);
  });

  app.setErrorHandler(
    async (
      error: Error & { statusCode?: number; code?: string },
      request: FastifyRequest,
      reply: FastifyReply,
    ) => {
      const mapped = toApiError(error, bodyLimit);
      if (mapped.status >= 500) request.log.error({ err: error }, 'request failed');
      reply.code(mapped.status).headers(mapped.headers).send({ errors: mapped.items });
    },
  );

  return app;
}

/**
 * pino options: a request is logged as method, path and address only. Never headers (the token),
 * never a body (`stir_shaken_key`), never a query string.
 */
function loggerOptions(options: { level?: string; stream?: NodeJS.WritableStream } = {}) {
  return {
    level: options.level ?? 'info',
    // Buffered writes to stdout: a synchronous write per request line halved GET throughput. What is
    // buffered is flushed on close; a crash may lose the last few lines (never data).
    stream: options.stream ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }),
    redact: { paths: ['req.headers', 'headers', 'body', 'req.body'], remove: true },
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        path: request.url.split('?')[0],
        remoteAddress: request.ip,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

/** Fastify's own request errors (body parsing, limits) in the vendor's terms; anything else is a 500. */
function toApiError(error: Error & { statusCode?: number; code?: string }, bodyLimit: number): ApiError {
  if (error instanceof ApiError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return apiError(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${bodyLimit} bytes.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return error.statusCode === 415
        ? apiError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'The body must be JSON, sent as Content-Type: application/json.',
          )
        : apiError(400, 'VALIDATE_FAILED', 'The Content-Length does not match the body.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, [
        {
          code: 'VALIDATE_FAILED',
          message: 'The body is empty; send a JSON object.',
          detail: { path: '', rule: 'type' },
        },
      ]);
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ApiError(400, [
      { code: 'VALIDATE_FAILED', message: 'The body is not valid JSON.', detail: { path: '', rule: 'json' } },
    ]);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return apiError(status, 'UNKNOWN', 'The request could not be processed.');
  return apiError(500, 'UNKNOWN', 'Internal error.');
}

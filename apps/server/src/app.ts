// Builds the Tenant API as a fastify app (never listens: see server.ts). Every error leaves as the
// vendor's `{"errors":[…]}` body; nothing a client sends can produce a 500 or a stack trace.
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonType, noStore } from './answer-headers.js';
import { ApiError, apiError, bodyError, unauthorized } from './api-errors.js';
import { type CodeMailer, fileMailer } from './auth/code-mail.js';
import { registerAuthRoutes } from './auth/routes.js';
import { createSignInService, defaultSignInPolicy, type SignInPolicy } from './auth/sign-in.js';
import { registerCors } from './cors.js';
import { directTenantGet } from './direct-tenant-get.js';
import { registerDocsRoutes } from './docs/routes.js';
import { parseJsonText } from './json-text.js';
import { createRequestLog, type LogOptions, type RequestLog } from './request-log.js';
import { updateSettings } from './settings-update.js';
import { StoreUnavailableError } from './storage/store-unavailable.js';
import type { TokenOwner } from './storage/tenant-store.js';
import { createTenantBodyCache } from './tenant-body-cache.js';
import { systemRole } from './tenants/roles.js';
import { type CollectionRoutesStore, registerTenantCollectionRoutes } from './tenants/routes.js';
import { tenantStatus } from './tenants/status.js';
import { bearerToken, hashToken } from './tokens.js';

export const DEFAULT_PREFIX = '/api';
/** Largest request body accepted: room for a STIR/SHAKEN certificate chain and key, and then some. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  store: CollectionRoutesStore;
  /** Path prefix of the API, `/api` like the vendor's. */
  prefix?: string;
  bodyLimit?: number;
  /** Structured (pino) logs, one line per request, or `false` for none. */
  logger?: false | LogOptions;
  /** Origins whose browser pages may call the API (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** A log made already (to share it with the store's availability lines); wins over `logger`. */
  log?: RequestLog;
  /**
   * Proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client; none by default, so a
   * client cannot choose the address that sign-in throttling counts it by.
   */
  trustProxy?: readonly string[];
  /** A request must arrive whole within this time (slow clients cannot hold the server). Default 10 s. */
  requestTimeoutMs?: number;
  /** Signing in: token lifetimes, tries and throttling (see SignInPolicy), where codes are mailed, the clock. */
  auth?: { policy?: Partial<SignInPolicy>; mailDir?: string; mailer?: CodeMailer; now?: () => number };
}

const allowedMethods = 'GET, HEAD, POST';

/** `charset` of a Content-Type, lower case, if it has one. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

export function buildApp(options: AppOptions): FastifyInstance {
  const { store } = options;
  const bodies = createTenantBodyCache(store);
  const clock = options.auth?.now ?? Date.now;
  let closing = false;
  const prefix = (options.prefix ?? DEFAULT_PREFIX).replace(/\/+$/, '');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const log: RequestLog | undefined =
    options.log ?? (options.logger === false ? undefined : createRequestLog(options.logger));
  const app = Fastify({
    // The app writes its own lean log line (below): fastify's per-request child loggers cost more than
    // the rest of a GET.
    logger: false,
    bodyLimit,
    // A path parameter over fastify's 100 characters would be a bare 414: let the spec's rule for ids
    // answer instead (400 naming `id`). Node's header limit (16 KiB) bounds the URL anyway.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Node checks request timeouts every `connectionsCheckingInterval` (30 s by default): check each
    // second, so that a slow client (slow-loris) is dropped soon after its time is up.
    serverFactory: (handler) => {
      // The hot GET /tenant from memory where it can be (see direct-tenant-get.ts); not with CORS, whose
      // headers depend on the request's Origin, nor on a store that remembers nothing (PostgreSQL).
      const listener =
        store.memory && (options.corsOrigins ?? []).length === 0
          ? directTenantGet(
              { path: `${prefix}/tenant`, memory: store.memory, bodies, log, clock, closing: () => closing },
              handler,
            )
          : handler;
      return createServer(
        {
          requestTimeout: requestTimeoutMs,
          headersTimeout: requestTimeoutMs,
          connectionsCheckingInterval: 1000,
          keepAliveTimeout: 5000,
        },
        listener,
      );
    },
    return503OnClosing: true,
    trustProxy: options.trustProxy && options.trustProxy.length > 0 ? [...options.trustProxy] : false,
  }) as unknown as FastifyInstance;

  // Only JSON is accepted: without this, fastify would parse text/plain bodies into strings (400, not 415).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(
        apiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'JSON must be sent as UTF-8 (charset=utf-8, or no charset).'),
      );
    }
    const bytes = body as Buffer;
    if (bytes.length === 0) return done(bodyError('type', 'The body is empty; send a JSON object.'));
    const parsed = parseJsonText(bytes);
    if (!parsed.ok) return done(bodyError(parsed.problem.rule, parsed.problem.message, parsed.problem.path));
    done(null, parsed.value);
  });

  /** The owner of the request's bearer token; 401 for none (called in handlers: a hook costs more). */
  async function authenticate(request: FastifyRequest): Promise<TokenOwner> {
    const token = bearerToken(request.headers.authorization);
    const hash = token ? hashToken(token) : undefined;
    const owner = hash ? await store.findTokenOwner(hash, clock()) : undefined;
    if (owner) return owner;
    // A system user's session acts on no tenant until it switches into one.
    const user = hash ? await store.sessionUser(hash, clock()) : undefined;
    if (user && user.tenantId === null && systemRole(user.role)) {
      throw apiError(
        403,
        'FORBIDDEN',
        'This session acts on no tenant yet: choose one with POST /tenants/switch?id=TENANT_ID.',
      );
    }
    throw unauthorized();
  }

  if (log?.requests) {
    app.addHook('onResponse', (request, reply, done) => {
      log.request(request.method, request.url, reply.statusCode, reply.elapsedTime);
      done();
    });
  }

  app.get(`${prefix}/tenant`, async (request, reply) => {
    const { body, etag } = await bodies.get(await authenticate(request));
    reply.headers(noStore).header('ETag', etag).type(jsonType);
    return body;
  });

  // The token is checked before the body is read (onRequest): nothing of a stranger's body is parsed.
  const owners = new WeakMap<FastifyRequest, TokenOwner>();
  const authenticateFirst = async (request: FastifyRequest) => {
    owners.set(request, await authenticate(request));
  };
  app.post(`${prefix}/tenant`, { onRequest: authenticateFirst }, async (request, reply) => {
    const owner = owners.get(request);
    if (!owner) throw unauthorized();
    const etag = await updateSettings(
      store,
      owner.tenantId,
      { schema: 'TenantUpdate', body: request.body, ifMatch: request.headers['if-match'] },
      unauthorized,
    );
    reply.headers(noStore).header('ETag', etag);
    reply.code(200).send();
  });

  app.get(`${prefix}/tenant/status`, async (request, reply) => {
    const owner = await authenticate(request);
    const tenant = await store.readTenant(owner.tenantId);
    if (!tenant) throw unauthorized();
    return reply.headers(noStore).send(tenantStatus(tenant, (await store.listUsers(tenant.id)).length));
  });

  registerTenantCollectionRoutes(app, prefix, store, clock);

  const auth = options.auth ?? {};
  registerCors(app, prefix, options.corsOrigins ?? []);
  registerDocsRoutes(app, prefix);

  registerAuthRoutes(
    app,
    prefix,
    createSignInService(
      store,
      auth.mailer ?? fileMailer(auth.mailDir ?? 'mail'),
      { ...defaultSignInPolicy, ...auth.policy },
      clock,
    ),
  );

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
      // An unreachable database is logged once per outage by the store, not once per request.
      if (mapped.status >= 500 && !(error instanceof StoreUnavailableError)) {
        log?.failure(request.method, request.url, error);
      }
      reply.code(mapped.status).headers(noStore).headers(mapped.headers).send({ errors: mapped.items });
    },
  );

  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onClose', async () => {
    log?.flush();
  });
  return app;
}

/** How long a client is told to wait while the database cannot be reached. */
const STORE_RETRY_AFTER_SECONDS = 2;

/** Fastify's own request errors (limits, media types) in the vendor's terms; anything else is a 500. */
function toApiError(error: Error & { statusCode?: number; code?: string }, bodyLimit: number): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof StoreUnavailableError) {
    return apiError(503, 'SERVICE_UNAVAILABLE', 'The database cannot be reached; try again shortly.', {
      'Retry-After': String(STORE_RETRY_AFTER_SECONDS),
    });
  }
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
      return bodyError('type', 'The body is empty; send a JSON object.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return apiError(status, 'UNKNOWN', 'The request could not be processed.');
  return apiError(500, 'UNKNOWN', 'Internal error.');
}

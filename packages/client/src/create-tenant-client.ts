// The Tenant API client: typed methods over openapi-fetch for the tenant of the token (`/tenant`) and
// for the PBX's tenant collection (`/tenants`), validating what they send before sending it.
import type { paths, Tenant, TenantUpdate } from '@tenantctl/schema';
import createClient, { type Client } from 'openapi-fetch';
import { checkBaseUrl } from './base-url.js';
import { type CheckedTenantUpdate, checkedFor } from './checked-update.js';
import { callError, runCall, tenantErrorFromResponse } from './error-from-response.js';
import { jsonObjectAnswer } from './json-answer.js';
import { PlainRequest, typedClient } from './plain-request.js';
import { redactUrl } from './redact-url.js';
import { type RetryOptions, resolveRetryPolicy } from './retry-policy.js';
import type { RequestOptions, TenantCollection, TenantWithETag, UpdateOptions } from './tenant-collection.js';
import { bodyRead, createTransport, type FetchFunction, type TokenProvider } from './transport.js';

type TokenSource = { token: string; getToken?: never } | { getToken: TokenProvider; token?: never };

export type TenantClientOptions = TokenSource & {
  /** Base URL including the API prefix, e.g. `https://pbx.example.com/api`; trailing slashes are fine. */
  baseUrl: string;
  /** Per-attempt timeout. Default 30000 ms. */
  timeoutMs?: number;
  /** Retry policy, or `false` for none. Default: 2 retries, backoff from 250 ms to 8 s. */
  retry?: false | RetryOptions;
  /** The fetch to use (tests, proxies, browsers), called as `fetch(url, init)`. Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Sent as `User-Agent` where the runtime allows it. */
  userAgent?: string;
};

export interface TenantClient extends TenantCollection {
  /** `GET /tenant`: the tenant of the token. */
  getTenant(options?: RequestOptions): Promise<Tenant>;
  /** `GET /tenant` with the `ETag` to send back as `ifMatch` (undefined where the server sends none). */
  getTenantWithETag(options?: RequestOptions): Promise<TenantWithETag<Tenant>>;
  /**
   * `POST /tenant`: a partial update, validated before it is sent (unless it is a `CheckedTenantUpdate`,
   * validated already). Resolves with the new ETag, if any.
   */
  updateTenant(
    patch: TenantUpdate | CheckedTenantUpdate,
    options?: UpdateOptions,
  ): Promise<{ etag: string | undefined }>;
  /** The underlying openapi-fetch client, with the same auth, timeout and retries. */
  readonly raw: Client<paths>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export function createTenantClient(options: TenantClientOptions): TenantClient {
  const { token, getToken } = options;
  const baseUrl = checkBaseUrl(options.baseUrl);
  const send = createTransport({
    token: getToken ?? (() => token ?? ''),
    canRefresh: getToken !== undefined,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: resolveRetryPolicy(options.retry),
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
  });
  // The raw client's callers put their signal into the Request; the typed methods hand theirs to the
  // transport directly (see Transport), through a client of plain requests (see PlainRequest).
  const raw = createClient<paths>({ baseUrl, fetch: (request) => send(request, request.signal) });
  const typed = typedClient(baseUrl, send);
  const tenantUrl = redactUrl(`${baseUrl}/tenant`);

  // GET /tenant has nothing for openapi-fetch to build (no parameter, no body): the hottest call is
  // one PlainRequest straight to the transport (bench/results.md: openapi-fetch's own work was about
  // a tenth of the client's CPU per GET).
  const tenantPath = `${baseUrl}/tenant`;
  const tenantGet = { method: 'GET', url: tenantUrl };
  async function readTenant(signal: AbortSignal | undefined) {
    try {
      const response = await send(new PlainRequest(tenantPath), signal);
      const data = await response.text();
      bodyRead(response);
      if (!response.ok) throw tenantErrorFromResponse(response, data, tenantGet);
      const tenant = jsonObjectAnswer(data, 'the tenant', response.status, tenantGet) as Tenant;
      return { tenant, response };
    } catch (error) {
      throw callError(error, tenantGet);
    }
  }

  return {
    ...lazyCollection(() => import('./tenant-collection.js').then((m) => m.tenantCollection(typed, baseUrl))),
    raw,
    async getTenantWithETag(requestOptions) {
      const { tenant, response } = await readTenant(requestOptions?.signal);
      return { tenant, etag: response.headers.get('ETag') ?? undefined };
    },
    async getTenant(requestOptions) {
      return (await readTenant(requestOptions?.signal)).tenant;
    },
    async updateTenant(patch, { ifMatch, ...requestOptions } = {}) {
      const checked = await checkedFor(patch, 'TenantUpdate');
      return runCall({ method: 'POST', url: tenantUrl }, async () => {
        const { response, error } = await typed.POST('/tenant', {
          body: checked.fields,
          parseAs: 'text',
          ...(ifMatch === undefined ? {} : { params: { header: { 'If-Match': ifMatch } } }),
          ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
        });
        bodyRead(response);
        if (!response.ok) throw tenantErrorFromResponse(response, error, { method: 'POST', url: tenantUrl });
        await response.body?.cancel().catch(() => undefined);
        return { etag: response.headers.get('ETag') ?? undefined };
      });
    },
  };
}

/**
 * The tenant collection's calls, loaded on the first one: a system user's operations, which a page
 * for a tenant's own settings never calls, stay out of what it loads up front (see README, "Size").
 */
function lazyCollection(load: () => Promise<TenantCollection>): TenantCollection {
  let loaded: Promise<TenantCollection> | undefined;
  const collection = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    async *listTenants(options) {
      yield* (await collection()).listTenants(options);
    },
    listTenantsPage: async (options) => (await collection()).listTenantsPage(options),
    createTenant: async (tenant, options) => (await collection()).createTenant(tenant, options),
    getTenantById: async (id, options) => (await collection()).getTenantById(id, options),
    getTenantByIdWithETag: async (id, options) => (await collection()).getTenantByIdWithETag(id, options),
    updateTenantById: async (id, patch, options) => (await collection()).updateTenantById(id, patch, options),
    deleteTenant: async (id, options) => (await collection()).deleteTenant(id, options),
    tenantStatus: async (options) => (await collection()).tenantStatus(options),
  };
}

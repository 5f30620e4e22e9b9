// The Tenant API client: typed methods over the raw openapi-fetch client, validating patches before sending.
import type { paths, Tenant, TenantUpdate } from '@tenantctl/schema';
import { isJsonObject } from '@tenantctl/schema/json';
import createClient, { type Client } from 'openapi-fetch';
import { CheckedTenantUpdate, checkTenantUpdate } from './checked-update.js';
import { parseErrorBody } from './error-body.js';
import {
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  TenantHttpError,
  TenantResponseError,
  TenantTimeoutError,
  TenantValidationError,
} from './errors.js';
import { redactUrl } from './redact-url.js';
import { type RetryOptions, resolveRetryPolicy } from './retry-policy.js';
import { createTransport, type FetchFunction, type TokenProvider } from './transport.js';

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

export interface RequestOptions {
  /** Cancels the request (and any retry wait). */
  signal?: AbortSignal;
}

export interface UpdateOptions extends RequestOptions {
  /** Apply only if the tenant's ETag still is this one (from `getTenantWithETag`); 412 otherwise. */
  ifMatch?: string;
}

export interface TenantClient {
  /** `GET /tenant`: the tenant of the token. */
  getTenant(options?: RequestOptions): Promise<Tenant>;
  /** `GET /tenant` with the `ETag` to send back as `ifMatch` (undefined where the server sends none). */
  getTenantWithETag(options?: RequestOptions): Promise<{ tenant: Tenant; etag: string | undefined }>;
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

/**
 * The client's error for a non-2xx answer, by status. Exported for callers of the raw client:
 * `const { response, error } = await client.raw.POST('/tenant', …);
 * if (!response.ok) throw tenantErrorFromResponse(response, error, { method: 'POST', url })`.
 * `request` is what was asked for: `response.url` is empty for a Response a custom fetch built itself.
 */
export function tenantErrorFromResponse(
  response: Response,
  body: unknown,
  request: { method: string; url: string },
): TenantApiError {
  const { errors, codes, violations } = parseErrorBody(body);
  const details = {
    status: response.status,
    errors,
    codes,
    method: request.method,
    url: redactUrl(request.url),
  };
  const said = errors[0]?.message ? `: ${errors.map((e) => e.message).join('; ')}` : '';
  const status = response.status;
  if (status === 401 || status === 403) {
    return new TenantAuthError(`${status}: the server rejected the token${said}`, details);
  }
  if (status === 400 || status === 422) {
    return new TenantValidationError(`${status}: the server refused the request${said}`, {
      ...details,
      violations,
    });
  }
  if (status === 412) {
    return new TenantConflictError(
      `${status}: the tenant was changed by someone else since it was read${said}`,
      details,
    );
  }
  return new TenantHttpError(`${status}: the server answered with an error${said}`, details);
}

/** The base URL without trailing slashes; refuses one that cannot work, without quoting it. */
function checkBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl is not an absolute URL (expected e.g. https://pbx.example.com/api)');
  }
  if (parsed.username || parsed.password) {
    throw new TypeError('baseUrl must not hold credentials: pass the token as `token` or `getToken`');
  }
  return baseUrl.replace(/\/+$/, '');
}

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
  // transport directly (see Transport).
  const raw = createClient<paths>({ baseUrl, fetch: (request) => send(request, request.signal) });
  const sendWithout = (request: Request) => send(request);
  const sendFor = ({ signal }: RequestOptions) =>
    signal ? (request: Request) => send(request, signal) : sendWithout;
  const tenantUrl = redactUrl(`${baseUrl}/tenant`);

  /** Runs one raw call, turning a timeout during the body read into the client's error. */
  async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof TenantApiError) throw error;
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new TenantTimeoutError('no complete answer within the timeout', {
          method,
          url: tenantUrl,
          cause: error,
        });
      }
      throw error;
    }
  }

  async function getTenantWithETag(requestOptions: RequestOptions = {}) {
    return call('GET', async () => {
      const { response, data, error } = await raw.GET('/tenant', {
        parseAs: 'text',
        fetch: sendFor(requestOptions),
      });
      if (!response.ok) throw tenantErrorFromResponse(response, error, { method: 'GET', url: tenantUrl });
      let tenant: unknown;
      try {
        tenant = JSON.parse(String(data));
      } catch (cause) {
        throw new TenantResponseError(`${response.status}: the tenant is not valid JSON`, {
          status: response.status,
          method: 'GET',
          url: tenantUrl,
          cause,
        });
      }
      if (!isJsonObject(tenant)) {
        throw new TenantResponseError(`${response.status}: the tenant is not a JSON object`, {
          status: response.status,
          method: 'GET',
          url: tenantUrl,
        });
      }
      // Lenient on purpose: unknown fields and null blanks pass (see the spec's description).
      return { tenant: tenant as Tenant, etag: response.headers.get('ETag') ?? undefined };
    });
  }

  return {
    raw,
    getTenantWithETag,
    async getTenant(requestOptions) {
      return (await getTenantWithETag(requestOptions)).tenant;
    },
    async updateTenant(patch, { ifMatch, ...requestOptions } = {}) {
      const checked = patch instanceof CheckedTenantUpdate ? patch : await checkTenantUpdate(patch);
      return call('POST', async () => {
        const { response, error } = await raw.POST('/tenant', {
          body: checked.fields,
          parseAs: 'text',
          ...(ifMatch === undefined ? {} : { params: { header: { 'If-Match': ifMatch } } }),
          fetch: sendFor(requestOptions),
        });
        if (!response.ok) throw tenantErrorFromResponse(response, error, { method: 'POST', url: tenantUrl });
        await response.body?.cancel().catch(() => undefined);
        return { etag: response.headers.get('ETag') ?? undefined };
      });
    },
  };
}

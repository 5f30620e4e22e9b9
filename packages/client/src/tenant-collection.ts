// The tenant collection of a PBX, for its system administrator and its dealers: list (a page, or every
// page in turn), create, read and update by id, delete, and the current tenant's status. Each call is
// checked against the spec before it is sent, and fails with the client's error classes.
import type {
  paths,
  TenantAdminUpdate,
  TenantCreate,
  TenantDetails,
  TenantList,
  TenantStatus,
  TenantSummary,
} from '@tenantctl/schema';
import type { Client } from 'openapi-fetch';
import { checkRequest } from './check-request.js';
import { type CheckedTenantUpdate, checkedFor } from './checked-update.js';
import { runCall, tenantErrorFromResponse } from './error-from-response.js';
import { TenantResponseError } from './errors.js';
import { jsonObjectAnswer, type Where } from './json-answer.js';
import { notReplayable } from './plain-request.js';
import { redactUrl } from './redact-url.js';
import { bodyRead } from './transport.js';

export interface RequestOptions {
  /** Cancels the request (and any retry wait). */
  signal?: AbortSignal;
}

export interface UpdateOptions extends RequestOptions {
  /** Apply only if the tenant's ETag still is this one (from a `…WithETag` read); 412 otherwise. */
  ifMatch?: string;
}

/** Which tenants, in which order: `GET /tenants`' selection (see the spec's `TenantListQuery`). */
export interface TenantSelection {
  /** Tenants whose name or SIP domain holds this text, in any case. */
  search?: string;
  /** `FIELD eq|ne VALUE` terms joined by ` and `, over the summary's fields. */
  filter?: string;
  /** A summary field, optionally followed by ` asc` or ` desc`. */
  orderBy?: string;
}

export interface ListTenantsOptions extends TenantSelection, RequestOptions {
  /** Tenants per request, 1–100; the server's default (100) when left out. */
  pageSize?: number;
}

export interface ListPageOptions extends TenantSelection, RequestOptions {
  skip?: number;
  top?: number;
}

/** A tenant read by id, with the `ETag` to send back as `ifMatch` (undefined where the server sends none). */
export interface TenantWithETag<T> {
  tenant: T;
  etag: string | undefined;
}

export interface TenantCollection {
  /** Every tenant the caller may see, page after page (`GET /tenants`), as summaries. */
  listTenants(options?: ListTenantsOptions): AsyncIterableIterator<TenantSummary>;
  /** One page of `GET /tenants`: its summaries and how many tenants match in all. */
  listTenantsPage(options?: ListPageOptions): Promise<TenantList>;
  /** `POST /tenants`: a new tenant (validated first); resolves with its id. Never sent twice. */
  createTenant(tenant: TenantCreate, options?: RequestOptions): Promise<{ id: string }>;
  /** `GET /tenants/{id}`. */
  getTenantById(id: string, options?: RequestOptions): Promise<TenantDetails>;
  /** `GET /tenants/{id}` with its `ETag`. */
  getTenantByIdWithETag(id: string, options?: RequestOptions): Promise<TenantWithETag<TenantDetails>>;
  /** `POST /tenants/{id}`: a system user's partial update (validated first); resolves with the new ETag. */
  updateTenantById(
    id: string,
    patch: TenantAdminUpdate | CheckedTenantUpdate<'TenantAdminUpdate'>,
    options?: UpdateOptions,
  ): Promise<{ etag: string | undefined }>;
  /** `POST /tenants/{id}/destroy`: the tenant and its users, sessions and tokens. Never sent twice. */
  deleteTenant(id: string, options?: RequestOptions): Promise<void>;
  /** `GET /tenant/status`: what the current tenant uses, and the PBX's version. */
  tenantStatus(options?: RequestOptions): Promise<TenantStatus>;
}

type Answer = { response: Response; data?: unknown; error?: unknown };

/** Runs one openapi-fetch call; the client's error for any answer but a 2xx. */
async function succeed(where: Where, call: () => Promise<Answer>): Promise<Answer> {
  return runCall(where, async () => {
    const answer = await call();
    bodyRead(answer.response); // openapi-fetch has read it (parseAs: 'text')
    if (!answer.response.ok) throw tenantErrorFromResponse(answer.response, answer.error, where);
    return answer;
  });
}

export function tenantCollection(typed: Client<paths>, baseUrl: string): TenantCollection {
  const at = (method: string, path: string): Where => ({ method, url: redactUrl(`${baseUrl}${path}`) });
  const signalOf = ({ signal }: RequestOptions) => (signal ? { signal } : {});
  // The id goes into the URL: it is checked first, so that no id can name another path.
  const checkId = (id: string, method: string) =>
    checkRequest<string>('PathId', id, { subject: 'the tenant id', method });

  async function listTenantsPage(options: ListPageOptions = {}): Promise<TenantList> {
    const { search, filter, orderBy: orderby, skip, top } = options;
    const query = await checkRequest<NonNullable<paths['/tenants']['get']['parameters']['query']>>(
      'TenantListQuery',
      Object.fromEntries(
        Object.entries({ search, filter, orderby, skip, top }).filter(([, value]) => value !== undefined),
      ),
      { subject: 'the query', method: 'GET' },
    );
    const where = at('GET', '/tenants');
    const { response, data } = await succeed(where, () =>
      typed.GET('/tenants', { params: { query }, parseAs: 'text', ...signalOf(options) }),
    );
    const page = jsonObjectAnswer(data, 'the list', response.status, where);
    if (typeof page.count !== 'number' || !Array.isArray(page.items)) {
      throw new TenantResponseError(`${response.status}: the list has no count and items`, {
        status: response.status,
        ...where,
      });
    }
    return page as unknown as TenantList;
  }

  async function getTenantByIdWithETag(id: string, options: RequestOptions = {}) {
    await checkId(id, 'GET');
    const where = at('GET', `/tenants/${id}`);
    const { response, data } = await succeed(where, () =>
      typed.GET('/tenants/{id}', { params: { path: { id } }, parseAs: 'text', ...signalOf(options) }),
    );
    const tenant = jsonObjectAnswer(data, 'the tenant', response.status, where) as TenantDetails;
    return { tenant, etag: response.headers.get('ETag') ?? undefined };
  }

  return {
    listTenantsPage,
    async *listTenants({ pageSize, ...selection } = {}) {
      let skip = 0;
      for (;;) {
        const page = await listTenantsPage({ ...selection, skip, ...(pageSize ? { top: pageSize } : {}) });
        yield* page.items;
        skip += page.items.length;
        // Tenants come in creation order (or by a unique key after the chosen field), so walking by
        // skip meets each exactly once, however many are created meanwhile.
        if (page.items.length === 0 || skip >= page.count) return;
      }
    },
    async createTenant(tenant, options = {}) {
      const body = await checkRequest<TenantCreate>('TenantCreate', tenant);
      const where = at('POST', '/tenants');
      const { response, data } = await succeed(where, () =>
        typed.POST('/tenants', { body, parseAs: 'text', ...notReplayable, ...signalOf(options) }),
      );
      const created = jsonObjectAnswer(data, 'the answer', response.status, where);
      if (typeof created.id !== 'string') {
        throw new TenantResponseError(`${response.status}: the answer names no id`, {
          status: response.status,
          ...where,
        });
      }
      return { id: created.id };
    },
    getTenantByIdWithETag,
    async getTenantById(id, options) {
      return (await getTenantByIdWithETag(id, options)).tenant;
    },
    async updateTenantById(id, patch, { ifMatch, ...options } = {}) {
      await checkId(id, 'POST');
      const checked = await checkedFor(patch, 'TenantAdminUpdate');
      const where = at('POST', `/tenants/${id}`);
      const { response } = await succeed(where, () =>
        typed.POST('/tenants/{id}', {
          params: { path: { id }, ...(ifMatch === undefined ? {} : { header: { 'If-Match': ifMatch } }) },
          body: checked.fields,
          parseAs: 'text',
          ...signalOf(options),
        }),
      );
      return { etag: response.headers.get('ETag') ?? undefined };
    },
    async deleteTenant(id, options = {}) {
      await checkId(id, 'POST');
      await succeed(at('POST', `/tenants/${id}/destroy`), () =>
        typed.POST('/tenants/{id}/destroy', {
          params: { path: { id } },
          parseAs: 'text',
          ...notReplayable,
          ...signalOf(options),
        }),
      );
    },
    async tenantStatus(options = {}) {
      const where = at('GET', '/tenant/status');
      const { response, data } = await succeed(where, () =>
        typed.GET('/tenant/status', { parseAs: 'text', ...signalOf(options) }),
      );
      return jsonObjectAnswer(data, 'the status', response.status, where) as TenantStatus;
    },
  };
}

// One partial update of a tenant's settings, as POST /tenant and POST /tenants/{id} both make it: the
// body checked against the operation's schema and If-Match read (their violations reported together),
// then one atomic merge; the new ETag, or the API's error.
import { validateValue } from '@tenantctl/schema';
import { ApiError, apiError, validationError } from './api-errors.js';
import { readIfMatch } from './if-match.js';
import type { TenantSettings, TenantStore } from './storage/tenant-store.js';
import { etagOf } from './tenant-representation.js';

export interface UpdateRequest {
  /** The spec's schema of the body: `TenantUpdate` or `TenantAdminUpdate`. */
  schema: string;
  body: unknown;
  ifMatch: string | undefined;
}

/** Applies the update to the tenant; `notFound` is the error when it no longer exists. Returns the ETag. */
export async function updateSettings(
  store: TenantStore,
  tenantId: string,
  request: UpdateRequest,
  notFound: () => ApiError,
): Promise<string> {
  const checked = validateValue<TenantSettings>(request.schema, request.body);
  const ifMatch = readIfMatch(request.ifMatch, store.instanceId);
  if (!checked.valid || !ifMatch.valid) {
    throw new ApiError(400, [
      ...(ifMatch.valid ? [] : validationError(ifMatch.violations, { header: 'If-Match' }).items),
      ...(checked.valid ? [] : validationError(checked.violations).items),
    ]);
  }
  const result = await store.mergeSettings(
    tenantId,
    checked.value,
    ifMatch.value === undefined || ifMatch.value.any ? {} : { ifVersion: ifMatch.value.versions },
  );
  if (result.outcome === 'not-found') throw notFound();
  if (result.outcome === 'precondition-failed') {
    throw apiError(
      412,
      'PRECONDITION_FAILED',
      'The tenant was changed since it was read (If-Match no longer matches); nothing was changed.',
    );
  }
  return etagOf(result.version, store.instanceId);
}

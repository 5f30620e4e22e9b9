export type {
  Tenant,
  TenantAdminUpdate,
  TenantCreate,
  TenantDetails,
  TenantList,
  TenantStatus,
  TenantSummary,
  TenantUpdate,
  Violation,
} from '@tenantctl/schema';
export { CheckedTenantUpdate, checkTenantUpdate, type UpdateSchema } from './checked-update.js';
export { createTenantClient, type TenantClient, type TenantClientOptions } from './create-tenant-client.js';
export { tenantErrorFromResponse } from './error-from-response.js';
export {
  type SignInFailure,
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  type TenantErrorDetails,
  type TenantErrorKind,
  TenantForbiddenError,
  TenantHttpError,
  TenantNetworkError,
  TenantNotFoundError,
  TenantResponseError,
  TenantSignInError,
  TenantThrottledError,
  TenantTimeoutError,
  TenantValidationError,
} from './errors.js';
export type { RetryEvent, RetryOptions } from './retry-policy.js';
export type {
  ListPageOptions,
  ListTenantsOptions,
  RequestOptions,
  TenantCollection,
  TenantSelection,
  TenantWithETag,
  UpdateOptions,
} from './tenant-collection.js';
export type { FetchFunction, TokenProvider } from './transport.js';

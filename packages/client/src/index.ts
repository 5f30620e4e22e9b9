export type { Tenant, TenantUpdate, Violation } from '@tenantctl/schema';
export { CheckedTenantUpdate, checkTenantUpdate } from './checked-update.js';
export {
  createTenantClient,
  type RequestOptions,
  type TenantClient,
  type TenantClientOptions,
  type UpdateOptions,
} from './create-tenant-client.js';
export { tenantErrorFromResponse } from './error-from-response.js';
export {
  type SignInFailure,
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  type TenantErrorDetails,
  type TenantErrorKind,
  TenantHttpError,
  TenantNetworkError,
  TenantResponseError,
  TenantSignInError,
  TenantThrottledError,
  TenantTimeoutError,
  TenantValidationError,
} from './errors.js';
export type { RetryEvent, RetryOptions } from './retry-policy.js';
export type { FetchFunction, TokenProvider } from './transport.js';

export type { Tenant, TenantUpdate, Violation } from '@tenantctl/schema';
export { CheckedTenantUpdate, checkTenantUpdate } from './checked-update.js';
export {
  createTenantClient,
  type RequestOptions,
  type TenantClient,
  type TenantClientOptions,
  tenantErrorFromResponse,
  type UpdateOptions,
} from './create-tenant-client.js';
export {
  TenantApiError,
  TenantAuthError,
  TenantConflictError,
  type TenantErrorDetails,
  type TenantErrorKind,
  TenantHttpError,
  TenantNetworkError,
  TenantResponseError,
  TenantTimeoutError,
  TenantValidationError,
} from './errors.js';
export type { RetryEvent, RetryOptions } from './retry-policy.js';
export type { FetchFunction, TokenProvider } from './transport.js';

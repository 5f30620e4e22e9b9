// The client's error classes: one base, each carrying status, vendor codes and the request, never the token.
import type { ErrorItem, KnownErrorCode, Violation } from '@tenantctl/schema';

export interface TenantErrorDetails {
  /** HTTP status, when the server answered. */
  status?: number;
  /** The vendor's error items, as received. */
  errors?: readonly ErrorItem[];
  /** Their codes, a code this client does not know read as `UNKNOWN`. */
  codes?: readonly KnownErrorCode[];
  method: string;
  /** The request URL, with any credentials in it removed. */
  url: string;
  cause?: unknown;
}

export class TenantApiError extends Error {
  override name = 'TenantApiError';
  readonly status: number | undefined;
  readonly errors: readonly ErrorItem[];
  readonly codes: readonly KnownErrorCode[];
  readonly method: string;
  readonly url: string;

  constructor(message: string, details: TenantErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.errors = details.errors ?? [];
    this.codes = details.codes ?? [];
    this.method = details.method;
    this.url = details.url;
  }
}

/** 401 or 403: the token is missing, expired or not allowed (or could not be sent at all). */
export class TenantAuthError extends TenantApiError {
  override name = 'TenantAuthError';
}

/** The patch broke the schema (found before sending, `status` undefined) or the server said 400/422. */
export class TenantValidationError extends TenantApiError {
  override name = 'TenantValidationError';
  readonly violations: readonly Violation[];

  constructor(message: string, details: TenantErrorDetails & { violations: readonly Violation[] }) {
    super(message, details);
    this.violations = details.violations;
  }
}

/** Any other HTTP status the client does not succeed with. */
export class TenantHttpError extends TenantApiError {
  override name = 'TenantHttpError';
}

/** 412: `If-Match` no longer matched, someone else changed the tenant first; nothing was changed. */
export class TenantConflictError extends TenantHttpError {
  override name = 'TenantConflictError';
}

/** The server answered 2xx with a body that is not what the spec promises (not JSON, not an object). */
export class TenantResponseError extends TenantHttpError {
  override name = 'TenantResponseError';
}

/** No HTTP answer: connection refused, reset, DNS failure… (after any retries). */
export class TenantNetworkError extends TenantApiError {
  override name = 'TenantNetworkError';
}

/** No answer within `timeoutMs`. */
export class TenantTimeoutError extends TenantApiError {
  override name = 'TenantTimeoutError';
}

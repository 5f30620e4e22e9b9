// The client's error classes: one base, each carrying status, vendor codes and the request, never the token.
import type { ErrorItem, KnownErrorCode, Violation } from '@tenantctl/schema';

/** What went wrong, one word per error class: switch on it instead of the class name. */
export type TenantErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'sign-in'
  | 'validation'
  | 'conflict'
  | 'throttled'
  | 'http'
  | 'response'
  | 'network'
  | 'timeout';

export interface TenantErrorDetails {
  /** HTTP status, when the server answered. */
  status?: number;
  /** The vendor's error items, as received. */
  errors?: readonly ErrorItem[];
  /** Their codes, a code this client does not know read as `UNKNOWN`. */
  codes?: readonly KnownErrorCode[];
  method: string;
  /** The URL requested, with any credentials and query removed; undefined when nothing was requested. */
  url?: string;
  cause?: unknown;
}

export abstract class TenantApiError extends Error {
  override name = 'TenantApiError';
  abstract readonly kind: TenantErrorKind;
  readonly status: number | undefined;
  readonly errors: readonly ErrorItem[];
  readonly codes: readonly KnownErrorCode[];
  readonly method: string;
  readonly url: string | undefined;

  constructor(message: string, details: TenantErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.errors = details.errors ?? [];
    this.codes = details.codes ?? [];
    this.method = details.method;
    this.url = details.url;
  }
}

/** 401: the token is missing, expired or unknown (or could not be sent at all): sign in again. */
export class TenantAuthError extends TenantApiError {
  override name = 'TenantAuthError';
  readonly kind = 'auth';
}

/**
 * 403: signed in, but the role may not do this (a tenant's admin on `/tenants`, a system user on
 * `/tenant` before it chose a tenant). Signing in again does not help; another account might.
 */
export class TenantForbiddenError extends TenantApiError {
  override name = 'TenantForbiddenError';
  readonly kind = 'forbidden';
}

/** Why signing in (or keeping a session) failed; in every case, signing in again is the way on. */
export type SignInFailure =
  /** The user name or the password is not right (the PBX does not say which). */
  | 'credentials'
  /** The user has a second factor and no one-time code callback was given. */
  | 'second-factor-required'
  /** The one-time code is not right, expired, or had too many tries. */
  | 'code-refused'
  /** The refresh token was refused, or an access token without one expired: the session ended. */
  | 'session-ended';

/** Signing in, or keeping a session alive, failed for `reason`. */
export class TenantSignInError extends TenantApiError {
  override name = 'TenantSignInError';
  readonly kind = 'sign-in';
  readonly reason: SignInFailure;

  constructor(message: string, details: TenantErrorDetails & { reason: SignInFailure }) {
    super(message, details);
    this.reason = details.reason;
  }
}

/** The patch broke the schema (found before sending, `status` undefined) or the server said 400/422. */
export class TenantValidationError extends TenantApiError {
  override name = 'TenantValidationError';
  readonly kind = 'validation';
  readonly violations: readonly Violation[];

  constructor(message: string, details: TenantErrorDetails & { violations: readonly Violation[] }) {
    super(message, details);
    this.violations = details.violations;
  }
}

/** Any other HTTP status the client does not succeed with. */
export class TenantHttpError extends TenantApiError {
  override name = 'TenantHttpError';
  readonly kind: 'http' | 'conflict' | 'response' | 'throttled' | 'not-found' = 'http';
}

/** 404: no such resource, or none the caller may see (a dealer's view ends at its own tenants). */
export class TenantNotFoundError extends TenantHttpError {
  override name = 'TenantNotFoundError';
  override readonly kind = 'not-found';
}

/** 429: too many attempts (failed sign-ins); `retryAfterMs` says when to try again, when the server said. */
export class TenantThrottledError extends TenantHttpError {
  override name = 'TenantThrottledError';
  override readonly kind = 'throttled';
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: TenantErrorDetails & { retryAfterMs: number | undefined }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 412: `If-Match` no longer matched, someone else changed the tenant first; nothing was changed. */
export class TenantConflictError extends TenantHttpError {
  override name = 'TenantConflictError';
  override readonly kind = 'conflict';
}

/** The server answered 2xx with a body that is not what the spec promises (not JSON, not an object). */
export class TenantResponseError extends TenantHttpError {
  override name = 'TenantResponseError';
  override readonly kind = 'response';
}

/** No HTTP answer: connection refused, reset, DNS failure… (after any retries). */
export class TenantNetworkError extends TenantApiError {
  override name = 'TenantNetworkError';
  readonly kind = 'network';
}

/** No answer within `timeoutMs`. */
export class TenantTimeoutError extends TenantApiError {
  override name = 'TenantTimeoutError';
  readonly kind = 'timeout';
}

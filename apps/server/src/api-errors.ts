// The vendor's error body, and the one place HTTP errors are turned into it.
import type { ErrorItem, KnownErrorCode, Violation } from '@tenantctl/schema';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly items: ErrorItem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(items.map((item) => item.message).join('; '));
  }
}

export function apiError(
  status: number,
  code: KnownErrorCode,
  message: string,
  headers?: Record<string, string>,
): ApiError {
  return new ApiError(status, [{ code, message }], headers);
}

/**
 * 400 VALIDATE_FAILED, one item per violation, the value's path and the rule in `detail`; `header`
 * when the value is a request header rather than the body.
 */
export function validationError(violations: readonly Violation[], where: { header?: string } = {}): ApiError {
  return new ApiError(
    400,
    violations.map((v) => ({
      code: 'VALIDATE_FAILED',
      message: v.message,
      detail: { path: v.path, rule: v.rule, ...where },
    })),
  );
}

/** 400 for a body that is not JSON text as RFC 8259 wants it exchanged; `rule` says which rule it breaks. */
export function bodyError(rule: string, message: string, path = ''): ApiError {
  return new ApiError(400, [{ code: 'VALIDATE_FAILED', message, detail: { path, rule } }]);
}

export const unauthorized = () =>
  apiError(401, 'UNAUTHORIZED', 'A valid bearer token is required.', {
    'WWW-Authenticate': 'Bearer realm="tenant"',
  });

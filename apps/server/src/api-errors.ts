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

/** 400 VALIDATE_FAILED, one item per violation, the field path and the rule in `detail`. */
export function validationError(violations: readonly Violation[]): ApiError {
  return new ApiError(
    400,
    violations.map((v) => ({
      code: 'VALIDATE_FAILED',
      message: v.message,
      detail: { path: v.path, rule: v.rule },
    })),
  );
}

export const unauthorized = () =>
  apiError(401, 'UNAUTHORIZED', 'A valid bearer token is required.', {
    'WWW-Authenticate': 'Bearer realm="tenant"',
  });

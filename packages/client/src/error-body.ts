// Reads the vendor's error body `{"errors":[{code,message,detail}]}` leniently: whatever arrives, never throws.
import type { ErrorItem, KnownErrorCode, Violation } from '@tenantctl/schema';
import { knownErrorCodeValues } from '@tenantctl/schema/enums';
import { isJsonObject, topLevelField } from '@tenantctl/schema/json';

const known = new Set<string>(knownErrorCodeValues);

export interface ParsedErrorBody {
  errors: ErrorItem[];
  codes: KnownErrorCode[];
  violations: Violation[];
}

/** A code this client does not know is read as `UNKNOWN`, as the vendor asks. */
export function toKnownCode(code: unknown): KnownErrorCode {
  return typeof code === 'string' && known.has(code) ? (code as KnownErrorCode) : 'UNKNOWN';
}

function toViolation(item: ErrorItem): Violation | undefined {
  if (toKnownCode(item.code) !== 'VALIDATE_FAILED') return undefined;
  const detail = isJsonObject(item.detail) ? item.detail : {};
  const path = typeof detail.path === 'string' ? detail.path : '';
  const field = topLevelField(path);
  const violation: Violation = {
    path,
    rule: typeof detail.rule === 'string' ? detail.rule : 'server',
    message: item.message,
  };
  if (field !== undefined) violation.field = field;
  return violation;
}

/** `received` is the body as text, or as openapi-fetch already parsed it. */
export function parseErrorBody(received: unknown): ParsedErrorBody {
  let body = received;
  if (typeof received === 'string') {
    try {
      body = JSON.parse(received);
    } catch {
      return { errors: [], codes: [], violations: [] };
    }
  }
  const items = isJsonObject(body) && Array.isArray(body.errors) ? body.errors : [];
  const errors: ErrorItem[] = items.filter(isJsonObject).map((item) => ({
    code: typeof item.code === 'string' ? item.code : 'UNKNOWN',
    message: typeof item.message === 'string' ? item.message : '',
    ...(item.detail === undefined ? {} : { detail: item.detail as ErrorItem['detail'] }),
  }));
  return {
    errors,
    codes: errors.map((item) => toKnownCode(item.code)),
    violations: errors.map(toViolation).filter((v): v is Violation => v !== undefined),
  };
}

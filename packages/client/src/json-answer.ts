// Reading a 2xx answer's text as the JSON object the spec promises, for every typed call.
import { isJsonObject } from '@tenantctl/schema/json';
import { TenantResponseError } from './errors.js';

/** The request an error names. */
export type Where = { method: string; url: string };

/**
 * The JSON object an answer's text holds, or the error saying what it is not. Lenient on purpose
 * beyond that: unknown fields and `null` blanks pass (see the spec's descriptions).
 */
export function jsonObjectAnswer(
  text: unknown,
  what: string,
  status: number,
  where: Where,
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(String(text));
  } catch (cause) {
    throw new TenantResponseError(`${status}: ${what} is not valid JSON`, { status, ...where, cause });
  }
  if (!isJsonObject(value)) {
    throw new TenantResponseError(`${status}: ${what} is not a JSON object`, { status, ...where });
  }
  return value;
}

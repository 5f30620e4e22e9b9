// What is a secret inside a value, and the value with its secrets hidden, for every place the CLI shows
// values to people (tables, diffs): the spec says where a known field keeps secrets (`format:
// password`, and `secretPaths` inside objects such as a webhook's credentials); for a field the spec
// does not know, the names of its keys say it.
import { type FieldInfo, redactPaths } from '@tenantctl/schema/fields';

/** How a hidden secret reads. */
export const REDACTED = '<redacted>';

/** Words that make a key name a secret: `password`, `api_key`, `authToken`, `client-secret`… */
const secretWords = new Set([
  'password',
  'passwd',
  'pwd',
  'token',
  'secret',
  'key',
  'credential',
  'credentials',
]);

/** Whether a key's name says its value is a secret (split at `_`, `-`, `.` and camelCase humps). */
export function namesASecret(key: string): boolean {
  return key
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .some((word) => secretWords.has(word.toLowerCase()));
}

/** A copy with every value under a secret-naming key, at any depth, replaced by `<redacted>`. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      namesASecret(key) && inner !== null && inner !== '' ? REDACTED : redactSecrets(inner),
    ]),
  );
}

/**
 * A copy of an object value with its secrets replaced: where the spec puts them for a known field, by
 * key names for anything else (custom_options' JSON, fields of a newer PBX).
 */
export function hideSecrets(value: unknown, field: FieldInfo | undefined): unknown {
  return field ? redactPaths(value, field.secretPaths, REDACTED) : redactSecrets(value);
}

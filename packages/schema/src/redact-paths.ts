// Replaces the values at a field's secret paths (`FieldInfo.secretPaths`) before a value is shown or
// written anywhere a secret must not go: table output, diffs, fleet plans and journals.
import { unescapePointerToken } from './json-pointer.js';

/**
 * A copy of `value` with what each pointer names replaced by `replacement` (a `*` token stands for
 * every item of an array). Absent, `null` and empty-string values stay as they are: that a secret is
 * unset is not a secret. The value itself is never changed.
 */
export function redactPaths(value: unknown, paths: readonly string[], replacement: unknown): unknown {
  let result = value;
  for (const path of paths)
    result = redactOne(result, path.split('/').slice(1).map(unescapePointerToken), replacement);
  return result;
}

function redactOne(value: unknown, tokens: readonly string[], replacement: unknown): unknown {
  const [head, ...rest] = tokens;
  if (head === undefined) return value === null || value === undefined || value === '' ? value : replacement;
  if (Array.isArray(value)) {
    if (head !== '*') return value;
    return value.map((item) => redactOne(item, rest, replacement));
  }
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, head)) return value;
  const record = value as Record<string, unknown>;
  return { ...record, [head]: redactOne(record[head], rest, replacement) };
}

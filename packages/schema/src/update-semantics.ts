// What an update does to a tenant: the one rule every layer follows (both stores, the client's diff,
// `apply`, `fleet plan`, `fleet undo`). Each field present is set to the value given, whole: a nested
// object (`office_hours`, `cdr_event`, …) or a list replaces the stored one, so a key left out of it is
// removed; fields absent stay as they are. What `diff` compares is therefore exactly what `apply` sends.

/** The settings after `update`: its fields replace the current ones whole, the others stay. */
export function applyUpdate<T extends Record<string, unknown>>(
  current: T,
  update: Record<string, unknown>,
): T & Record<string, unknown> {
  return { ...current, ...update };
}

/**
 * Whether two JSON values are the same setting: objects with the same keys and values in any order
 * (a server may return keys in another order than a file holds them), lists in the same order.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameValue(item, b[index]))
    );
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]))
  );
}

/**
 * `current` (an object field's value as read; blank is `null`) with one key inside it set, the rest
 * kept: what `set FIELD.KEY=VALUE` sends, since the update replaces the field whole. A copy; the keys
 * on the way are made when missing.
 */
export function withNestedValue(
  current: unknown,
  path: readonly string[],
  value: unknown,
): Record<string, unknown> {
  const root: Record<string, unknown> =
    current !== null && typeof current === 'object' && !Array.isArray(current)
      ? (structuredClone(current as object) as Record<string, unknown>)
      : {};
  let object = root;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      object[key] = value;
      break;
    }
    const next = object[key];
    const inner: Record<string, unknown> =
      next !== null && typeof next === 'object' && !Array.isArray(next)
        ? (next as Record<string, unknown>)
        : {};
    object[key] = inner;
    object = inner;
  }
  return root;
}

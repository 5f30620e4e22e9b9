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

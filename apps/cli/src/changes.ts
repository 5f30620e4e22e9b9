// What an update would change: the fields whose desired value differs from the current one.
import { fieldInfo, sameValue } from '@tenantctl/schema/fields';
import { formatValue } from './format-value.js';
import type { Io } from './io.js';

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * The fields whose value would change: each desired value compared whole with the current one, as the
 * update replaces it whole (keys of an object in any order, a list in its order).
 */
export function computeChanges(current: Record<string, unknown>, desired: Record<string, unknown>): Change[] {
  return Object.entries(desired)
    .filter(([field, to]) => !sameValue(current[field] ?? null, to))
    .map(([field, to]) => ({ field, from: current[field] ?? null, to }));
}

/** The diff on stdout, one line per field; secrets are never shown, only that they change. */
export function printChanges(changes: readonly Change[], io: Io): void {
  const width = Math.max(0, ...changes.map((c) => c.field.length));
  for (const { field, from, to } of changes) {
    const info = fieldInfo(field);
    const show = (value: unknown) => formatValue(value, info, { showSecrets: false });
    io.out(
      `${io.color.yellow('~')} ${field.padEnd(width)}  ${io.color.red(show(from))} → ${io.color.green(show(to))}`,
    );
  }
}

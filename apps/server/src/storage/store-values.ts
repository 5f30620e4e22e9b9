// What every store engine shares: the shape of new ids, the constant-time second look at a hash, and
// the rule that a merge never sets null.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { TenantSettings } from './tenant-store.js';

/**
 * A random id in the style of the vendor's (`NzAwNTUxOTA5NzczMTQ4MTYw` is the base64 of an 18-digit
 * number): only letters and digits, so it never reads as an option on a command line.
 */
export function newResourceId(): string {
  const digits = Array.from(randomBytes(18), (byte) => String(byte % 10)).join('');
  return Buffer.from(`${1 + ((randomBytes(1)[0] ?? 0) % 9)}${digits.slice(1)}`).toString('base64');
}

/** Whether two hashes are the same, in constant time (the lookup was by hash; this is a second look). */
export function sameHash(stored: Uint8Array, given: Buffer): boolean {
  return stored.length === given.length && timingSafeEqual(stored, given);
}

/**
 * The patch as JSON text for a merge. `null` would delete a key in a JSON merge patch (SQLite's
 * json_patch) and mean something else elsewhere: a merge never sets null, so it is refused here.
 */
export function patchText(patch: TenantSettings): string {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) throw new TypeError(`${key}: a merge never sets null`);
  }
  return JSON.stringify(patch);
}

/** An API token never expires by itself: the "expiry" that SQL compares with now. */
export const NEVER = Number.MAX_SAFE_INTEGER;

// What every store engine shares: the shape of new ids, the constant-time second look at a hash, the
// rule that a merge never sets null, and how a user row reads.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { TenantRow, TenantSettings, UserRecord } from './tenant-store.js';

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

/** Failed sign-ins older than this can no longer count (the longest window): stores drop them. */
export const FAILURES_KEPT_MS = 86_400_000;

/** An API token never expires by itself: the "expiry" that SQL compares with now. */
export const NEVER = Number.MAX_SAFE_INTEGER;

/** The columns the collection's statements (tenant-collection-sql.ts) add to a tenant's row. */
export interface CollectionColumns {
  dealer_id: string | null;
  created_at: string;
}

/** A row of the collection's statements as a TenantRow (SQLite's settings are text, PostgreSQL's parsed). */
export function toTenantRow(
  row: {
    id: string;
    settings: string | TenantSettings;
    version: number;
  } & CollectionColumns,
): TenantRow {
  return {
    id: row.id,
    settings: typeof row.settings === 'string' ? (JSON.parse(row.settings) as TenantSettings) : row.settings,
    version: row.version,
    createdAt: row.created_at,
    dealerId: row.dealer_id,
  };
}

/** A row of `users` as both engines return it (SQLite keeps the flag as 0/1, PostgreSQL as a boolean). */
export interface UserRow {
  id: string;
  tenant_id: string | null;
  username: string;
  password_hash: string;
  role: string;
  two_factor: boolean | number;
  email: string | null;
}

/** The columns of a `UserRow`, from `users u`. */
export const userColumns = 'u.id, u.tenant_id, u.username, u.password_hash, u.role, u.two_factor, u.email';

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    twoFactor: row.two_factor === true || row.two_factor === 1,
    email: row.email,
  };
}

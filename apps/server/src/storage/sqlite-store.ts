// The default store: one SQLite file, WAL, synchronous=FULL (an acknowledged write survives a crash),
// every write in a BEGIN IMMEDIATE transaction.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';
import type { StoredTenant, TenantSettings, TenantStore, UpdateOutcome } from './tenant-store.js';

export interface SqliteStoreOptions {
  /** The database file (created with its folder on first start), or `:memory:`. */
  path: string;
  /** `FULL` by default; `NORMAL` trades the last writes before a power loss for speed (benchmarks). */
  synchronous?: 'FULL' | 'NORMAL';
}

interface TenantRow {
  id: string;
  settings: string;
}

/**
 * A random id in the style of the vendor's (`NzAwNTUxOTA5NzczMTQ4MTYw` is the base64 of an 18-digit
 * number): only letters and digits, so it never reads as an option on a command line.
 */
export function newResourceId(): string {
  const digits = Array.from(randomBytes(18), (byte) => String(byte % 10)).join('');
  return Buffer.from(`${1 + ((randomBytes(1)[0] ?? 0) % 9)}${digits.slice(1)}`).toString('base64');
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `the database is at schema version ${current}, newer than this server knows (${migrations.length})`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

function toTenant(row: TenantRow): StoredTenant {
  return { id: row.id, settings: JSON.parse(row.settings) as TenantSettings };
}

export function openSqliteStore(options: SqliteStoreOptions): TenantStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const selectTenant = db.prepare<[string], TenantRow>('SELECT id, settings FROM tenants WHERE id = ?');
  const selectTenants = db.prepare<[], TenantRow>('SELECT id, settings FROM tenants ORDER BY created_at, id');
  const insertTenant = db.prepare<[string, string]>('INSERT INTO tenants (id, settings) VALUES (?, ?)');
  const updateTenant = db.prepare<[string, string]>(
    `UPDATE tenants SET settings = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
  );
  const selectToken = db.prepare<[Buffer], { tenant_id: string; hash: Buffer }>(
    'SELECT tenant_id, hash FROM tokens WHERE hash = ? AND revoked_at IS NULL',
  );
  const insertToken = db.prepare<[string, string, Buffer]>(
    'INSERT INTO tokens (id, tenant_id, hash) VALUES (?, ?, ?)',
  );
  const revokeToken = db.prepare<[string]>(
    `UPDATE tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND revoked_at IS NULL`,
  );

  const merge = db.transaction(
    (id: string, patch: TenantSettings, precondition?: (current: StoredTenant) => boolean): UpdateOutcome => {
      const row = selectTenant.get(id);
      if (!row) return { outcome: 'not-found' };
      const current = toTenant(row);
      if (precondition && !precondition(current)) return { outcome: 'precondition-failed', tenant: current };
      const settings = { ...current.settings, ...patch };
      updateTenant.run(JSON.stringify(settings), id);
      return { outcome: 'updated', tenant: { id, settings } };
    },
  );

  return {
    tenantIdForToken(tokenHash) {
      const row = selectToken.get(tokenHash);
      // The lookup is by hash; the final comparison is in constant time all the same.
      return row && row.hash.length === tokenHash.length && timingSafeEqual(row.hash, tokenHash)
        ? row.tenant_id
        : undefined;
    },
    readTenant(id) {
      const row = selectTenant.get(id);
      return row ? toTenant(row) : undefined;
    },
    mergeSettings(id, patch, precondition) {
      return merge.immediate(id, patch, precondition);
    },
    createTenant(settings) {
      const id = newResourceId();
      db.transaction(() => insertTenant.run(id, JSON.stringify(settings))).immediate();
      return { id, settings };
    },
    listTenants() {
      return selectTenants.all().map(toTenant);
    },
    addToken(tenantId, tokenHash) {
      const id = newResourceId();
      db.transaction(() => insertToken.run(id, tenantId, tokenHash)).immediate();
      return id;
    },
    revokeToken(tokenId) {
      return db.transaction(() => revokeToken.run(tokenId).changes > 0).immediate();
    },
    close() {
      db.close();
    },
  };
}

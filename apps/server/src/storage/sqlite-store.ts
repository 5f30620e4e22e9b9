// The default store: one SQLite file, WAL, synchronous=FULL (an acknowledged write survives a crash),
// every write in a BEGIN IMMEDIATE transaction. The same SQL runs on better-sqlite3 or node:sqlite.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';
import { migrations } from './migrations.js';
import { nodeSqlite, openNodeSqlite } from './node-sqlite-driver.js';
import type { SqlDriver } from './sql-driver.js';
import type { StoredTenant, TenantSettings, TenantStore, UpdateOutcome } from './tenant-store.js';

export type SqliteEngine = 'better-sqlite3' | 'node:sqlite';

export interface SqliteStoreOptions {
  /** The database file (created with its folder on first start), or `:memory:`. */
  path: string;
  /** `FULL` by default; `NORMAL` trades the last writes before a power loss for speed (benchmarks). */
  synchronous?: 'FULL' | 'NORMAL';
  /** Default: `TENANT_SERVER_SQLITE`, else node:sqlite where the runtime has it, else better-sqlite3. */
  engine?: SqliteEngine;
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

export function defaultEngine(): SqliteEngine {
  const chosen = process.env.TENANT_SERVER_SQLITE;
  if (chosen === 'better-sqlite3' || chosen === 'node:sqlite') return chosen;
  return nodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

function migrate(db: SqlDriver): void {
  const current = db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0;
  if (current > migrations.length) {
    throw new Error(
      `the database is at schema version ${current}, newer than this server knows (${migrations.length})`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.immediate(() => {
      db.exec(migrations[version] ?? '');
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}

function toTenant(row: TenantRow): StoredTenant {
  return { id: row.id, settings: JSON.parse(row.settings) as TenantSettings };
}

const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export function openSqliteStore(options: SqliteStoreOptions): TenantStore & { engine: SqliteEngine } {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const engine = options.engine ?? defaultEngine();
  const db = engine === 'node:sqlite' ? openNodeSqlite(options.path) : openBetterSqlite3(options.path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db);

  const readRow = (id: string) => db.get<TenantRow>('SELECT id, settings FROM tenants WHERE id = ?', id);
  // The last tenant read per id, returned again (frozen) while its stored text is unchanged: callers can
  // then reuse what they derived from it. Every read still goes to the database.
  const lastRead = new Map<string, { text: string; tenant: StoredTenant }>();

  return {
    engine,
    tenantIdForToken(tokenHash) {
      const row = db.get<{ tenant_id: string; hash: Uint8Array }>(
        'SELECT tenant_id, hash FROM tokens WHERE hash = ? AND revoked_at IS NULL',
        tokenHash,
      );
      // The lookup is by hash; the final comparison is in constant time all the same.
      return row && row.hash.length === tokenHash.length && timingSafeEqual(row.hash, tokenHash)
        ? row.tenant_id
        : undefined;
    },
    readTenant(id) {
      const row = readRow(id);
      if (!row) return undefined;
      const cached = lastRead.get(id);
      if (cached?.text === row.settings) return cached.tenant;
      const tenant = toTenant(row);
      Object.freeze(tenant.settings);
      lastRead.set(id, { text: row.settings, tenant: Object.freeze(tenant) });
      return tenant;
    },
    mergeSettings(id, patch, precondition): UpdateOutcome {
      return db.immediate(() => {
        const row = readRow(id);
        if (!row) return { outcome: 'not-found' };
        const current = toTenant(row);
        if (precondition && !precondition(current))
          return { outcome: 'precondition-failed', tenant: current };
        const settings = { ...current.settings, ...patch };
        db.run(
          `UPDATE tenants SET settings = ?, updated_at = ${now} WHERE id = ?`,
          JSON.stringify(settings),
          id,
        );
        return { outcome: 'updated', tenant: { id, settings } };
      });
    },
    createTenant(settings) {
      const id = newResourceId();
      db.immediate(() =>
        db.run('INSERT INTO tenants (id, settings) VALUES (?, ?)', id, JSON.stringify(settings)),
      );
      return { id, settings };
    },
    listTenants() {
      return db.all<TenantRow>('SELECT id, settings FROM tenants ORDER BY created_at, id').map(toTenant);
    },
    addToken(tenantId, tokenHash) {
      const id = newResourceId();
      db.immediate(() =>
        db.run('INSERT INTO tokens (id, tenant_id, hash) VALUES (?, ?, ?)', id, tenantId, tokenHash),
      );
      return id;
    },
    revokeToken(tokenId) {
      return db.immediate(
        () =>
          db.run(`UPDATE tokens SET revoked_at = ${now} WHERE id = ? AND revoked_at IS NULL`, tokenId)
            .changes > 0,
      );
    },
    integrityCheck() {
      return db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check ?? 'unknown';
    },
    close() {
      db.close();
    },
  };
}

// The default store: one SQLite file, WAL, synchronous=FULL (an acknowledged write survives a crash),
// every write in a BEGIN IMMEDIATE transaction. The same SQL runs on better-sqlite3 or node:sqlite.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';
import { migrations } from './migrations.js';
import { nodeSqlite, openNodeSqlite } from './node-sqlite-driver.js';
import type { SqlDriver } from './sql-driver.js';
import type { AdminStore, MergeOutcome, StoredTenant, TenantSettings, TenantStore } from './tenant-store.js';

export type SqliteEngine = 'better-sqlite3' | 'node:sqlite';

export interface SqliteStoreOptions {
  /** The database file (created with its folder on first start), or `:memory:`. */
  path: string;
  /** `FULL` by default; `NORMAL` trades the last writes before a power loss for speed (benchmarks). */
  synchronous?: 'FULL' | 'NORMAL';
  /** Default: `TENANT_SERVER_SQLITE`, else node:sqlite where the runtime has it, else better-sqlite3. */
  engine?: SqliteEngine;
}

export type SqliteStore = TenantStore & AdminStore & { readonly engine: SqliteEngine };

interface TenantRow {
  id: string;
  settings: string;
  version: number;
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

/** Opens the file with the chosen binding, without touching its schema. */
export function openSqlDriver(path: string, engine: SqliteEngine = defaultEngine()): SqlDriver {
  return engine === 'node:sqlite' ? openNodeSqlite(path) : openBetterSqlite3(path);
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
  return { id: row.id, settings: JSON.parse(row.settings) as TenantSettings, version: row.version };
}

const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** The patch as SQLite's json_patch takes it; `null` would delete a key there, so it is refused here. */
function patchText(patch: TenantSettings): string {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) throw new TypeError(`${key}: a merge never sets null`);
  }
  return JSON.stringify(patch);
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const engine = options.engine ?? defaultEngine();
  const db = openSqlDriver(options.path, engine);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db);
  const instanceId =
    db.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'instance_id'`)?.value ?? 'unknown';
  const readRow = (id: string) =>
    db.get<TenantRow>('SELECT id, settings, version FROM tenants WHERE id = ?', id);

  // Who owns a token, and each tenant's version, remembered between requests: a GET then costs one
  // `PRAGMA data_version` instead of a join (16% of a GET's time under load). The data version changes
  // when another connection (another process, an admin command) commits; this connection's own writes
  // update the memory as they are made. So nothing remembered is ever older than the database.
  const owners = new Map<string, string>();
  const versions = new Map<string, number>();
  let dataVersion = -1;
  const forgetIfChangedElsewhere = () => {
    const now = db.get<{ data_version: number }>('PRAGMA data_version')?.data_version ?? -1;
    if (now !== dataVersion) {
      owners.clear();
      versions.clear();
      dataVersion = now;
    }
  };

  return {
    engine,
    instanceId,
    async findTokenOwner(tokenHash) {
      forgetIfChangedElsewhere();
      const key = tokenHash.toString('latin1');
      const known = owners.get(key);
      const version = known === undefined ? undefined : versions.get(known);
      if (known !== undefined && version !== undefined) return { tenantId: known, version };
      const row = db.get<{ tenant_id: string; version: number; hash: Uint8Array }>(
        `SELECT k.tenant_id, t.version, k.hash FROM tokens k JOIN tenants t ON t.id = k.tenant_id
         WHERE k.hash = ? AND k.revoked_at IS NULL`,
        tokenHash,
      );
      // The lookup is by hash; the final comparison is in constant time all the same.
      if (!row || row.hash.length !== tokenHash.length || !timingSafeEqual(row.hash, tokenHash))
        return undefined;
      owners.set(key, row.tenant_id); // only tokens that exist: unknown ones cannot fill the memory
      versions.set(row.tenant_id, row.version);
      return { tenantId: row.tenant_id, version: row.version };
    },
    async readTenant(id) {
      const row = readRow(id);
      return row ? toTenant(row) : undefined;
    },
    async mergeSettings(id, patch, { ifVersion } = {}): Promise<MergeOutcome> {
      const text = patchText(patch);
      return db.immediate(() => {
        // One statement merges and bumps the version, so the If-Match check and the write are one step.
        const condition = ifVersion
          ? ` AND version IN (${ifVersion.map(() => '?').join(', ') || 'NULL'})`
          : '';
        const updated = db.get<{ version: number }>(
          `UPDATE tenants SET settings = json_patch(settings, ?), version = version + 1, updated_at = ${now}
           WHERE id = ?${condition} RETURNING version`,
          text,
          id,
          ...(ifVersion ?? []),
        );
        if (updated) {
          versions.set(id, updated.version);
          return { outcome: 'updated', version: updated.version };
        }
        return db.get('SELECT 1 AS found FROM tenants WHERE id = ?', id)
          ? { outcome: 'precondition-failed' }
          : { outcome: 'not-found' };
      });
    },
    async createTenant(settings) {
      const id = newResourceId();
      db.immediate(() =>
        db.run('INSERT INTO tenants (id, settings) VALUES (?, ?)', id, JSON.stringify(settings)),
      );
      return { id, settings, version: 1 };
    },
    async listTenants() {
      // rowid grows with every insert: creation order, even within one millisecond.
      return db
        .all<{ id: string; name: string | null }>(
          `SELECT id, json_extract(settings, '$.name') AS name FROM tenants ORDER BY rowid`,
        )
        .map((row) => ({ id: row.id, name: row.name ?? '' }));
    },
    async addToken(tenantId, tokenHash) {
      const id = newResourceId();
      db.immediate(() =>
        db.run('INSERT INTO tokens (id, tenant_id, hash) VALUES (?, ?, ?)', id, tenantId, tokenHash),
      );
      return id;
    },
    async revokeToken(tokenId) {
      owners.clear();
      return db.immediate(
        () =>
          db.run(`UPDATE tokens SET revoked_at = ${now} WHERE id = ? AND revoked_at IS NULL`, tokenId)
            .changes > 0,
      );
    },
    async close() {
      db.close();
    },
  };
}

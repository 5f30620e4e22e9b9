// The default store: one SQLite file, WAL, synchronous=FULL (an acknowledged write survives a crash).
// The store itself is the core both engines share (store-core.ts); this room opens the file with
// better-sqlite3 or node:sqlite, migrates it, and remembers token owners between requests.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';
import { migrations } from './migrations.js';
import { nodeSqlite, openNodeSqlite } from './node-sqlite-driver.js';
import { sqliteDialect } from './sql-dialect.js';
import type { SqlDriver } from './sql-driver.js';
import { sqliteSession } from './sql-session.js';
import { storeCore } from './store-core.js';
import type { AdminStore, AuthStore, CollectionStore, TenantStore } from './tenant-store.js';

export type SqliteEngine = 'better-sqlite3' | 'node:sqlite';

export interface SqliteStoreOptions {
  /** The database file (created with its folder on first start), or `:memory:`. */
  path: string;
  /** `FULL` by default; `NORMAL` trades the last writes before a power loss for speed (benchmarks). */
  synchronous?: 'FULL' | 'NORMAL';
  /** Default: `TENANT_SERVER_SQLITE`, else node:sqlite where the runtime has it, else better-sqlite3. */
  engine?: SqliteEngine;
}

export type SqliteStore = TenantStore &
  AuthStore &
  AdminStore &
  CollectionStore & { readonly engine: SqliteEngine };

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
  // Foreign keys off while tables are made again (SQLite's way to change a column), checked before each commit.
  db.exec('PRAGMA foreign_keys = OFF');
  for (let version = current; version < migrations.length; version++) {
    db.immediate(() => {
      db.exec(migrations[version] ?? '');
      const broken = db.all('PRAGMA foreign_key_check');
      if (broken.length > 0)
        throw new Error(`migration ${version + 1} broke ${broken.length} foreign key(s)`);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
  db.exec('PRAGMA foreign_keys = ON');
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const engine = options.engine ?? defaultEngine();
  const db = openSqlDriver(options.path, engine);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA busy_timeout = 5000');
  migrate(db);
  const instanceId =
    db.get<{ value: string }>(`SELECT value FROM meta WHERE key = 'instance_id'`)?.value ?? 'unknown';
  const { findTokenOwnerUntil, ...core } = storeCore(sqliteSession(db), sqliteDialect);

  // Who owns a token, and each tenant's version, remembered between requests: a GET then costs one
  // `PRAGMA data_version` instead of a join (16% of a GET's time under load). The data version changes
  // when another connection (another process, an admin command) commits; this connection's own writes
  // update the memory as they are made. So nothing remembered is ever older than the database.
  // A session's access token expires: its owner is remembered with that time.
  const owners = new Map<string, { tenantId: string; expiresAt: number }>();
  const versions = new Map<string, number>();
  let dataVersion = -1;
  /** Forgets what is remembered if another connection committed since the last check (one PRAGMA). */
  const catchUp = () => {
    const now = db.get<{ data_version: number }>('PRAGMA data_version')?.data_version ?? -1;
    if (now !== dataVersion) {
      owners.clear();
      versions.clear();
      dataVersion = now;
    }
  };
  const remembered = (tokenHash: Buffer, now: number) => {
    const known = owners.get(tokenHash.toString('latin1'));
    const version = known === undefined ? undefined : versions.get(known.tenantId);
    return known !== undefined && version !== undefined && now < known.expiresAt
      ? { tenantId: known.tenantId, version }
      : undefined;
  };
  /** A write after which a token may answer for another tenant, or for none: every owner is forgotten. */
  const forgettingOwners =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      owners.clear();
      try {
        return await write(...args);
      } finally {
        owners.clear();
      }
    };

  return {
    ...core,
    engine,
    instanceId,
    memory: { catchUp, remembered },
    async findTokenOwner(tokenHash, now = Date.now()) {
      catchUp();
      const known = remembered(tokenHash, now);
      if (known) return known;
      const owner = await findTokenOwnerUntil(tokenHash, now);
      if (!owner) return undefined;
      // Only tokens that exist are remembered: unknown ones cannot fill the memory.
      owners.set(tokenHash.toString('latin1'), { tenantId: owner.tenantId, expiresAt: owner.expiresAt });
      versions.set(owner.tenantId, owner.version);
      return { tenantId: owner.tenantId, version: owner.version };
    },
    async mergeSettings(id, patch, options) {
      const result = await core.mergeSettings(id, patch, options);
      if (result.outcome === 'updated') versions.set(id, result.version);
      return result;
    },
    async destroyTenant(id) {
      const removed = await forgettingOwners(core.destroyTenant)(id);
      versions.delete(id);
      return removed;
    },
    switchSessionTenant: forgettingOwners(core.switchSessionTenant),
    revokeToken: forgettingOwners(core.revokeToken),
    removeUser: forgettingOwners(core.removeUser),
    rotateRefreshToken: forgettingOwners(core.rotateRefreshToken),
    endSession: forgettingOwners(core.endSession),
    async close() {
      db.close();
    },
  };
}

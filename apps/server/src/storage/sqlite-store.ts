// The default store: one SQLite file, WAL, synchronous=FULL (an acknowledged write survives a crash),
// every write in a BEGIN IMMEDIATE transaction. The same SQL runs on better-sqlite3 or node:sqlite.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SignInFailure } from '../auth/sign-in-throttle.js';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';
import { migrations } from './migrations.js';
import { nodeSqlite, openNodeSqlite } from './node-sqlite-driver.js';
import type { SqlDriver, SqlParam } from './sql-driver.js';
import {
  type CollectionColumns,
  FAILURES_KEPT_MS,
  NEVER,
  newResourceId,
  patchText,
  sameHash,
  toTenantRow,
  toUser,
  type UserRow,
  userColumns,
} from './store-values.js';
import { countTenants, selectTenants } from './tenant-collection-sql.js';
import type {
  AdminStore,
  AuthStore,
  CollectionStore,
  MergeOutcome,
  StoredTenant,
  TenantSettings,
  TenantStore,
} from './tenant-store.js';

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

interface TenantTableRow {
  id: string;
  settings: string;
  version: number;
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

function toTenant(row: TenantTableRow): StoredTenant {
  return { id: row.id, settings: JSON.parse(row.settings) as TenantSettings, version: row.version };
}

/** The time as SQLite writes it into TEXT columns. */
const sqlNow = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

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
  const readRow = (id: string) =>
    db.get<TenantTableRow>('SELECT id, settings, version FROM tenants WHERE id = ?', id);

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

  return {
    engine,
    instanceId,
    memory: { catchUp, remembered },
    async findTokenOwner(tokenHash, now = Date.now()) {
      catchUp();
      const known = remembered(tokenHash, now);
      if (known) return known;
      // An API token, or the access token of a live session.
      const row = db.get<{ tenant_id: string; version: number; hash: Uint8Array; expires_at: number }>(
        `SELECT k.tenant_id, t.version, k.hash, ${NEVER} AS expires_at
           FROM tokens k JOIN tenants t ON t.id = k.tenant_id
          WHERE k.hash = ? AND k.revoked_at IS NULL
         UNION ALL
         SELECT t.id, t.version, s.access_hash, s.access_expires_at
           FROM sessions s JOIN users u ON u.id = s.user_id
           JOIN tenants t ON t.id = coalesce(s.tenant_id, u.tenant_id)
          WHERE s.access_hash = ? AND s.ended_at IS NULL`,
        tokenHash,
        tokenHash,
      );
      if (!row || !sameHash(row.hash, tokenHash) || now >= row.expires_at) return undefined;
      // Only tokens that exist are remembered: unknown ones cannot fill the memory.
      owners.set(tokenHash.toString('latin1'), { tenantId: row.tenant_id, expiresAt: row.expires_at });
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
          `UPDATE tenants SET settings = json_patch(settings, ?), version = version + 1, updated_at = ${sqlNow}
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
    async createTenant(settings, { dealerId } = {}) {
      const id = newResourceId();
      db.immediate(() =>
        db.run(
          // Inside BEGIN IMMEDIATE: no other writer, so the next number is the largest plus one.
          'INSERT INTO tenants (id, settings, dealer_id, seq) VALUES (?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM tenants))',
          id,
          JSON.stringify(settings),
          dealerId ?? null,
        ),
      );
      return { id, settings, version: 1 };
    },
    async listTenantPage(query) {
      const count = countTenants('sqlite', query);
      const page = selectTenants('sqlite', query);
      return db.readTransaction(() => ({
        count: db.get<{ count: number }>(count.text, ...(count.values as SqlParam[]))?.count ?? 0,
        items: db
          .all<TenantTableRow & CollectionColumns>(page.text, ...(page.values as SqlParam[]))
          .map(toTenantRow),
      }));
    },
    async readTenantRow(id) {
      const page = selectTenants('sqlite', { ids: [id], skip: 0, top: 1 });
      const row = db.get<TenantTableRow & CollectionColumns>(page.text, ...(page.values as SqlParam[]));
      return row ? toTenantRow(row) : undefined;
    },
    async destroyTenant(id) {
      const removed = db.immediate(() => db.run('DELETE FROM tenants WHERE id = ?', id).changes > 0);
      // Its tokens and sessions went with it: nothing remembered may answer for them.
      owners.clear();
      versions.delete(id);
      return removed;
    },
    async assignDealer(tenantId, dealerId) {
      return db.immediate(
        () => db.run('UPDATE tenants SET dealer_id = ? WHERE id = ?', dealerId, tenantId).changes > 0,
      );
    },
    async systemUser(username) {
      const row = db.get<UserRow>(
        `SELECT ${userColumns} FROM users u WHERE u.username = ? AND u.tenant_id IS NULL`,
        username,
      );
      return row ? toUser(row) : undefined;
    },
    async userById(id) {
      const row = db.get<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.id = ?`, id);
      return row ? toUser(row) : undefined;
    },
    async switchSessionTenant(accessHash, tenantId, now) {
      owners.clear(); // the session's token now answers for another tenant
      return db.immediate(
        () =>
          db.run(
            'UPDATE sessions SET tenant_id = ? WHERE access_hash = ? AND ended_at IS NULL AND access_expires_at > ?',
            tenantId,
            accessHash,
            now,
          ).changes > 0,
      );
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
          db.run(`UPDATE tokens SET revoked_at = ${sqlNow} WHERE id = ? AND revoked_at IS NULL`, tokenId)
            .changes > 0,
      );
    },
    async createUser(user) {
      const id = newResourceId();
      try {
        db.immediate(() =>
          db.run(
            `INSERT INTO users (id, tenant_id, username, password_hash, role, two_factor, email)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            id,
            user.tenantId,
            user.username,
            user.passwordHash,
            user.role,
            user.twoFactor ? 1 : 0,
            user.email,
          ),
        );
      } catch (error) {
        if (/UNIQUE/.test(String((error as Error).message))) return undefined;
        throw error;
      }
      return { id, ...user };
    },
    async listUsers(tenantId) {
      const rows = tenantId
        ? db.all<UserRow>(
            `SELECT ${userColumns} FROM users u WHERE u.tenant_id = ? ORDER BY u.rowid`,
            tenantId,
          )
        : db.all<UserRow>(`SELECT ${userColumns} FROM users u ORDER BY u.rowid`);
      return rows.map(toUser);
    },
    async removeUser(tenantId, username) {
      owners.clear(); // their sessions end with them
      return db.immediate(
        () =>
          db.run('DELETE FROM users WHERE tenant_id IS ? AND username = ?', tenantId, username).changes > 0,
      );
    },
    async findUsers(username, domain) {
      const rows =
        domain === undefined
          ? db.all<UserRow>(
              `SELECT ${userColumns} FROM users u WHERE u.username = ? ORDER BY u.rowid`,
              username,
            )
          : db.all<UserRow>(
              `SELECT ${userColumns} FROM users u JOIN tenants t ON t.id = u.tenant_id
                WHERE u.username = ? AND json_extract(t.settings, '$.domain') = ? ORDER BY u.rowid`,
              username,
              domain,
            );
      return rows.map(toUser);
    },
    async signInFailures(accounts, address, since) {
      return db.all<SignInFailure>(
        `SELECT account, address, at FROM sign_in_failures
          WHERE at > ? AND (address = ? OR account IN (${accounts.map(() => '?').join(', ') || 'NULL'}))`,
        since,
        address,
        ...accounts,
      );
    },
    async recordFailedSignIn(accounts, address, at) {
      db.immediate(() => {
        // What is older than a day can no longer count: it goes as new failures come.
        db.run('DELETE FROM sign_in_failures WHERE at < ?', at - FAILURES_KEPT_MS);
        for (const account of accounts) {
          db.run(
            'INSERT INTO sign_in_failures (account, address, at) VALUES (?, ?, ?)',
            account,
            address,
            at,
          );
        }
      });
    },
    async recordSignIn(account, address, at) {
      db.immediate(() => {
        db.run('DELETE FROM sign_in_failures WHERE account = ? AND address = ?', account, address);
        db.run(
          `INSERT INTO sign_in_addresses (account, address, at) VALUES (?, ?, ?)
           ON CONFLICT (account, address) DO UPDATE SET at = excluded.at`,
          account,
          address,
          at,
        );
      });
    },
    async isKnownSignInAddress(account, address, since) {
      return (
        db.get(
          'SELECT 1 AS known FROM sign_in_addresses WHERE account = ? AND address = ? AND at > ?',
          account,
          address,
          since,
        ) !== undefined
      );
    },
    async createSession(userId, secrets) {
      db.immediate(() =>
        db.run(
          `INSERT INTO sessions (id, user_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
          newResourceId(),
          userId,
          secrets.accessHash,
          secrets.accessExpiresAt,
          secrets.refreshHash,
          secrets.refreshExpiresAt,
        ),
      );
    },
    async rotateRefreshToken(refreshHash, next, now) {
      return db.immediate(() => {
        const live = db.get<UserRow & { session_id: string; refresh_expires_at: number; hash: Uint8Array }>(
          `SELECT ${userColumns}, s.id AS session_id, s.refresh_expires_at, s.refresh_hash AS hash
             FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.refresh_hash = ? AND s.ended_at IS NULL`,
          refreshHash,
        );
        if (live && sameHash(live.hash, refreshHash) && now < live.refresh_expires_at) {
          db.run(
            'INSERT INTO rotated_refresh_tokens (hash, session_id) VALUES (?, ?)',
            refreshHash,
            live.session_id,
          );
          db.run(
            `UPDATE sessions SET access_hash = ?, access_expires_at = ?, refresh_hash = ?, refresh_expires_at = ?
              WHERE id = ?`,
            next.accessHash,
            next.accessExpiresAt,
            next.refreshHash,
            next.refreshExpiresAt,
            live.session_id,
          );
          owners.clear(); // the old access token of this session no longer works
          return { outcome: 'rotated', user: toUser(live) };
        }
        const rotated = db.get<{ session_id: string }>(
          'SELECT session_id FROM rotated_refresh_tokens WHERE hash = ?',
          refreshHash,
        );
        if (rotated) {
          db.run(
            `UPDATE sessions SET ended_at = ${sqlNow} WHERE id = ? AND ended_at IS NULL`,
            rotated.session_id,
          );
          owners.clear();
          return { outcome: 'reused' };
        }
        return { outcome: 'unknown' };
      });
    },
    async sessionUser(accessHash, now) {
      const row = db.get<UserRow & { access_expires_at: number; hash: Uint8Array }>(
        `SELECT ${userColumns}, s.access_expires_at, s.access_hash AS hash
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.access_hash = ? AND s.ended_at IS NULL`,
        accessHash,
      );
      return row && sameHash(row.hash, accessHash) && now < row.access_expires_at ? toUser(row) : undefined;
    },
    async endSession(accessHash, now) {
      owners.clear();
      return db.immediate(
        () =>
          db.run(
            `UPDATE sessions SET ended_at = ${sqlNow}
              WHERE access_hash = ? AND ended_at IS NULL AND access_expires_at > ?`,
            accessHash,
            now,
          ).changes > 0,
      );
    },
    async createSignInFlow(flowHash, userId, expiresAt) {
      db.immediate(() => {
        db.run('DELETE FROM sign_in_flows WHERE expires_at < ?', Date.now());
        db.run(
          'INSERT INTO sign_in_flows (hash, user_id, expires_at) VALUES (?, ?, ?)',
          flowHash,
          userId,
          expiresAt,
        );
      });
    },
    async signInFlow(flowHash) {
      const row = db.get<
        UserRow & {
          expires_at: number;
          code_hash: Uint8Array | null;
          code_expires_at: number | null;
          tries: number;
          hash: Uint8Array;
        }
      >(
        `SELECT ${userColumns}, f.expires_at, f.code_hash, f.code_expires_at, f.tries, f.hash
           FROM sign_in_flows f JOIN users u ON u.id = f.user_id WHERE f.hash = ?`,
        flowHash,
      );
      if (!row || !sameHash(row.hash, flowHash)) return undefined;
      return {
        user: toUser(row),
        expiresAt: row.expires_at,
        codeHash: row.code_hash ? Buffer.from(row.code_hash) : null,
        codeExpiresAt: row.code_expires_at,
        tries: row.tries,
      };
    },
    async setFlowCode(flowHash, codeHash, codeExpiresAt) {
      db.immediate(() =>
        db.run(
          'UPDATE sign_in_flows SET code_hash = ?, code_expires_at = ? WHERE hash = ?',
          codeHash,
          codeExpiresAt,
          flowHash,
        ),
      );
    },
    async countFlowTry(flowHash) {
      return db.immediate(
        () =>
          db.get<{ tries: number }>(
            'UPDATE sign_in_flows SET tries = tries + 1 WHERE hash = ? RETURNING tries',
            flowHash,
          )?.tries ?? Number.MAX_SAFE_INTEGER,
      );
    },
    async endSignInFlow(flowHash) {
      db.immediate(() => db.run('DELETE FROM sign_in_flows WHERE hash = ?', flowHash));
    },
    async close() {
      db.close();
    },
  };
}

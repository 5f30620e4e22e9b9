// The store, written once for SQLite and PostgreSQL: tenants, tokens and users (the sign-in state is in
// auth-store-core.ts). Each method is one statement or one transaction of the session; the dialect
// spells the little that differs. The engine rooms (sqlite-store.ts, postgres-store.ts) add only how
// the database is opened and migrated, and SQLite's memory of token owners.
import { authStoreCore } from './auth-store-core.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlSession } from './sql-session.js';
import {
  type CollectionColumns,
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
  TenantStore,
  TokenOwner,
} from './tenant-store.js';

/** Everything a store does, without what only its engine knows (its name, its memory, closing it). */
export type StoreCore = Omit<TenantStore, 'memory' | 'close' | 'instanceId'> &
  AuthStore &
  Omit<AdminStore, 'close'> &
  CollectionStore & {
    /** `findTokenOwner` with when the token stops working by itself (an API token: never). */
    findTokenOwnerUntil(
      tokenHash: Buffer,
      now?: number,
    ): Promise<(TokenOwner & { expiresAt: number }) | undefined>;
  };

interface TenantTableRow {
  id: string;
  settings: unknown;
  version: number;
}

export function storeCore(db: SqlSession, dialect: SqlDialect): StoreCore {
  const { now } = dialect;
  const prepare = { prepare: true };
  const findTokenOwnerUntil: StoreCore['findTokenOwnerUntil'] = async (tokenHash, at = Date.now()) => {
    // An API token, or the access token of a live session, with the tenant's version: one round trip.
    const [row] = await db.rows<{ tenant_id: string; version: number; hash: Uint8Array; expires_at: number }>(
      `SELECT k.tenant_id, t.version, k.hash, ${dialect.bigint(NEVER)} AS expires_at
         FROM tokens k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.hash = ? AND k.revoked_at IS NULL
       UNION ALL
       SELECT t.id, t.version, s.access_hash, s.access_expires_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         JOIN tenants t ON t.id = coalesce(s.tenant_id, u.tenant_id)
        WHERE s.access_hash = ? AND s.ended_at IS NULL`,
      [tokenHash, tokenHash],
      prepare,
    );
    if (!row || !sameHash(row.hash, tokenHash) || at >= row.expires_at) return undefined;
    return { tenantId: row.tenant_id, version: row.version, expiresAt: row.expires_at };
  };
  return {
    ...authStoreCore(db, dialect),
    findTokenOwnerUntil,
    async findTokenOwner(tokenHash, at) {
      const owner = await findTokenOwnerUntil(tokenHash, at);
      return owner && { tenantId: owner.tenantId, version: owner.version };
    },
    async readTenant(id) {
      const [row] = await db.rows<TenantTableRow>(
        'SELECT id, settings, version FROM tenants WHERE id = ?',
        [id],
        prepare,
      );
      return row ? { id: row.id, settings: dialect.readJson(row.settings), version: row.version } : undefined;
    },
    async mergeSettings(id, patch, { ifVersion } = {}): Promise<MergeOutcome> {
      const merged = dialect.mergeSettings('settings', Object.keys(patch), patchText(patch));
      const condition = ifVersion ? dialect.oneOf('version', ifVersion, 'INTEGER') : undefined;
      // One statement merges and bumps the version under the row's write lock: of racing conditional
      // writes with one version, the first commits and the others find the version moved on.
      const [updated] = await db.rows<{ version: number }>(
        `UPDATE tenants SET settings = ${merged.sql}, version = version + 1, updated_at = ${now}
          WHERE id = ?${condition ? ` AND ${condition.sql}` : ''} RETURNING version`,
        [...merged.params, id, ...(condition?.params ?? [])],
        prepare,
      );
      if (updated) return { outcome: 'updated', version: updated.version };
      const found = await db.rows('SELECT 1 AS found FROM tenants WHERE id = ?', [id]);
      return found.length > 0 ? { outcome: 'precondition-failed' } : { outcome: 'not-found' };
    },
    async createTenant(settings, { dealerId } = {}) {
      const id = newResourceId();
      await db.run(
        `INSERT INTO tenants (id, settings, dealer_id, seq) VALUES (?, ${dialect.jsonParam}, ?, ${dialect.nextSeq('tenants')})`,
        [id, JSON.stringify(settings), dealerId ?? null],
      );
      return { id, settings, version: 1 };
    },
    async listTenantPage(query) {
      const count = countTenants(dialect.name, query);
      const page = selectTenants(dialect.name, query);
      // One snapshot for both, so that `count` and the page agree.
      return db.transaction(
        async (tx) => {
          const [counted] = await tx.rows<{ count: string | number }>(count.text, count.values);
          const rows = await tx.rows<TenantTableRow & CollectionColumns>(page.text, page.values);
          return {
            count: Number(counted?.count ?? 0),
            items: rows.map((row) => toTenantRow({ ...row, settings: dialect.readJson(row.settings) })),
          };
        },
        { readOnly: true },
      );
    },
    async readTenantRow(id) {
      const page = selectTenants(dialect.name, { ids: [id], skip: 0, top: 1 });
      const [row] = await db.rows<TenantTableRow & CollectionColumns>(page.text, page.values);
      return row ? toTenantRow({ ...row, settings: dialect.readJson(row.settings) }) : undefined;
    },
    async destroyTenant(id) {
      // Its users, their sessions and sign-ins, and its tokens go with it (ON DELETE CASCADE).
      return (await db.run('DELETE FROM tenants WHERE id = ?', [id])) > 0;
    },
    async assignDealer(tenantId, dealerId) {
      return (await db.run('UPDATE tenants SET dealer_id = ? WHERE id = ?', [dealerId, tenantId])) > 0;
    },
    async listTenants() {
      const rows = await db.rows<{ id: string; name: string | null }>(
        `SELECT id, ${dialect.settingsText('settings', 'name')} AS name FROM tenants ORDER BY seq`,
      );
      return rows.map((row) => ({ id: row.id, name: row.name ?? '' }));
    },
    async addToken(tenantId, tokenHash) {
      const id = newResourceId();
      await db.run('INSERT INTO tokens (id, tenant_id, hash) VALUES (?, ?, ?)', [id, tenantId, tokenHash]);
      return id;
    },
    async revokeToken(tokenId) {
      return (
        (await db.run(`UPDATE tokens SET revoked_at = ${now} WHERE id = ? AND revoked_at IS NULL`, [
          tokenId,
        ])) > 0
      );
    },
    async systemUser(username) {
      const [row] = await db.rows<UserRow>(
        `SELECT ${userColumns} FROM users u WHERE u.username = ? AND u.tenant_id IS NULL`,
        [username],
      );
      return row ? toUser(row) : undefined;
    },
    async userById(id) {
      const [row] = await db.rows<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.id = ?`, [id]);
      return row ? toUser(row) : undefined;
    },
    async createUser(user) {
      const id = newResourceId();
      try {
        await db.run(
          `INSERT INTO users (id, tenant_id, username, password_hash, role, two_factor, email, seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ${dialect.nextSeq('users')})`,
          [
            id,
            user.tenantId,
            user.username,
            user.passwordHash,
            user.role,
            dialect.bool(user.twoFactor),
            user.email,
          ],
        );
      } catch (error) {
        if (dialect.isUniqueViolation(error)) return undefined;
        throw error;
      }
      return { id, ...user };
    },
    async listUsers(tenantId) {
      const rows = tenantId
        ? await db.rows<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.tenant_id = ? ORDER BY u.seq`, [
            tenantId,
          ])
        : await db.rows<UserRow>(`SELECT ${userColumns} FROM users u ORDER BY u.seq`);
      return rows.map(toUser);
    },
    async removeUser(tenantId, username) {
      // Their sessions end with them (ON DELETE CASCADE).
      return (
        (await db.run(`DELETE FROM users WHERE tenant_id ${dialect.isNotDistinctFrom} ? AND username = ?`, [
          tenantId,
          username,
        ])) > 0
      );
    },
    /** `POST /tenants/switch`: the session acts on that tenant from now on. */
    async switchSessionTenant(accessHash, tenantId, at) {
      return (
        (await db.run(
          'UPDATE sessions SET tenant_id = ? WHERE access_hash = ? AND ended_at IS NULL AND access_expires_at > ?',
          [tenantId, accessHash, at],
        )) > 0
      );
    },
    async findUsers(username, domain) {
      const rows =
        domain === undefined
          ? await db.rows<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.username = ? ORDER BY u.seq`, [
              username,
            ])
          : await db.rows<UserRow>(
              `SELECT ${userColumns} FROM users u JOIN tenants t ON t.id = u.tenant_id
                WHERE u.username = ? AND ${dialect.settingsText('t.settings', 'domain')} = ? ORDER BY u.seq`,
              [username, domain],
            );
      return rows.map(toUser);
    },
  };
}

// The store on PostgreSQL, for several server processes sharing one state: every read goes to the
// database (no cache could know what another replica wrote), every write is one statement or one
// transaction, acknowledged once committed. While the database cannot be reached, calls fail with
// StoreUnavailableError (the server answers 503); the pool reconnects by itself when it is back.
import pg from 'pg';
import type { SignInFailure } from '../auth/sign-in-throttle.js';
import { postgresMigrations } from './postgres-migrations.js';
import { isUnavailable, StoreUnavailableError } from './store-unavailable.js';
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

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (or `postgresql://`). */
  url: string;
  /** Connections per server process. Default 10: PostgreSQL's default allows 100 for 10 replicas. */
  poolSize?: number;
  /** Called when the database stops answering, and when it answers again (for one log line each). */
  onAvailability?: (available: boolean, reason?: string) => void;
}

export type PostgresStore = TenantStore &
  AuthStore &
  AdminStore &
  CollectionStore & { readonly engine: 'postgres' };

/** The URL without its password, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}

// BIGINT columns hold milliseconds since the epoch: well within a double, so they are read as numbers.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** One key for the advisory lock that makes replicas starting together migrate the database once. */
const MIGRATION_LOCK = 742_017_311;

type Query = <T>(text: string, values?: unknown[], name?: string) => Promise<{ rows: T[]; rowCount: number }>;

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > postgresMigrations.length) {
      throw new Error(
        `the database is at schema version ${current}, newer than this server knows (${postgresMigrations.length})`,
      );
    }
    for (let version = current; version < postgresMigrations.length; version++) {
      await client.query(postgresMigrations[version] ?? '');
    }
    await client.query('DELETE FROM schema_version');
    await client.query('INSERT INTO schema_version (version) VALUES ($1)', [postgresMigrations.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types,
  });
  let available = true;
  const notice = (now: boolean, reason?: string) => {
    if (now === available) return;
    available = now;
    options.onAvailability?.(now, reason);
  };
  // An idle connection the server closed (a restart) is reported here; without a listener it would end
  // the process. The next query opens a new connection.
  pool.on('error', (error) => notice(false, error.message));

  /** The driver's failure as the store's: unavailable when the database is, the error itself otherwise. */
  const failure = (error: unknown): unknown => {
    if (!isUnavailable(error)) return error;
    const reason = (error as Error).message || String((error as { code?: string }).code);
    notice(false, reason);
    return new StoreUnavailableError(`the database cannot be reached (${reason})`, { cause: error });
  };
  // A `name` makes the statement a prepared one on each connection: parsed and planned once, not per
  // request (for the queries every GET and POST makes).
  const query: Query = async <T>(text: string, values: unknown[] = [], name?: string) => {
    try {
      const result = await pool.query(name ? { name, text, values } : { text, values });
      notice(true);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw failure(error);
    }
  };
  /** Runs `work` in one transaction on one connection: all of it commits, or none of it. */
  async function transaction<T>(work: (query: Query) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw failure(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(async <R>(text: string, values: unknown[] = []) => {
        const answer = await client.query(text, values);
        return { rows: answer.rows as R[], rowCount: answer.rowCount ?? 0 };
      });
      await client.query('COMMIT');
      notice(true);
      return result;
    } catch (error) {
      if (isUnavailable(error)) broken = error as Error;
      else await client.query('ROLLBACK').catch(() => undefined);
      throw failure(error);
    } finally {
      // A connection that failed is dropped, not handed to the next request.
      client.release(broken);
    }
  }

  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = isUnavailable(error) ? ` (${(error as Error).message})` : `: ${(error as Error).message}`;
    throw new StoreUnavailableError(`cannot open ${redactDatabaseUrl(options.url)}${reason}`, {
      cause: error,
    });
  }
  const instanceId =
    (await query<{ value: string }>(`SELECT value FROM meta WHERE key = 'instance_id'`)).rows[0]?.value ??
    'unknown';

  const userOfFlow = `SELECT ${userColumns}, f.expires_at, f.code_hash, f.code_expires_at, f.tries, f.hash
                        FROM sign_in_flows f JOIN users u ON u.id = f.user_id WHERE f.hash = $1`;

  return {
    engine: 'postgres',
    instanceId,
    async findTokenOwner(tokenHash, now = Date.now()) {
      // An API token, or the access token of a live session, with the tenant's version: one round trip.
      const { rows } = await query<{ tenant_id: string; version: number; hash: Buffer; expires_at: number }>(
        `SELECT k.tenant_id, t.version, k.hash, ${NEVER}::BIGINT AS expires_at
           FROM tokens k JOIN tenants t ON t.id = k.tenant_id
          WHERE k.hash = $1 AND k.revoked_at IS NULL
         UNION ALL
         SELECT t.id, t.version, s.access_hash, s.access_expires_at
           FROM sessions s JOIN users u ON u.id = s.user_id
           JOIN tenants t ON t.id = coalesce(s.tenant_id, u.tenant_id)
          WHERE s.access_hash = $1 AND s.ended_at IS NULL`,
        [tokenHash],
        'token-owner',
      );
      const row = rows[0];
      if (!row || !sameHash(row.hash, tokenHash) || now >= row.expires_at) return undefined;
      return { tenantId: row.tenant_id, version: row.version };
    },
    async readTenant(id) {
      const { rows } = await query<StoredTenant>('SELECT id, settings, version FROM tenants WHERE id = $1', [
        id,
      ]);
      const row = rows[0];
      return row ? { id: row.id, settings: row.settings as TenantSettings, version: row.version } : undefined;
    },
    async mergeSettings(id, patch, { ifVersion } = {}): Promise<MergeOutcome> {
      const text = patchText(patch);
      // One statement merges and bumps the version under the row's lock: of racing conditional
      // writes with one version, the first commits and the others find the version moved on.
      const { rows } = await query<{ version: number }>(
        `UPDATE tenants SET settings = settings || $1::jsonb, version = version + 1, updated_at = now()
          WHERE id = $2 AND ($3::INTEGER[] IS NULL OR version = ANY($3::INTEGER[])) RETURNING version`,
        [text, id, ifVersion ? [...ifVersion] : null],
        'merge-settings',
      );
      const updated = rows[0];
      if (updated) return { outcome: 'updated', version: updated.version };
      const found = await query('SELECT 1 FROM tenants WHERE id = $1', [id]);
      return found.rowCount > 0 ? { outcome: 'precondition-failed' } : { outcome: 'not-found' };
    },
    async createTenant(settings, { dealerId } = {}) {
      const id = newResourceId();
      await query('INSERT INTO tenants (id, settings, dealer_id) VALUES ($1, $2::jsonb, $3)', [
        id,
        JSON.stringify(settings),
        dealerId ?? null,
      ]);
      return { id, settings, version: 1 };
    },
    async listTenantPage(tenantQuery) {
      const count = countTenants('postgres', tenantQuery);
      const page = selectTenants('postgres', tenantQuery);
      // One snapshot for both, so that `count` and the page agree.
      return transaction(async (tx) => {
        await tx('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const counted = await tx<{ count: string | number }>(count.text, count.values);
        const rows = await tx<StoredTenant & CollectionColumns>(page.text, page.values);
        return { count: Number(counted.rows[0]?.count ?? 0), items: rows.rows.map(toTenantRow) };
      });
    },
    async readTenantRow(id) {
      const page = selectTenants('postgres', { ids: [id], skip: 0, top: 1 });
      const { rows } = await query<StoredTenant & CollectionColumns>(page.text, page.values);
      return rows[0] ? toTenantRow(rows[0]) : undefined;
    },
    async destroyTenant(id) {
      const { rowCount } = await query('DELETE FROM tenants WHERE id = $1', [id]);
      return rowCount > 0;
    },
    async assignDealer(tenantId, dealerId) {
      const { rowCount } = await query('UPDATE tenants SET dealer_id = $1 WHERE id = $2', [
        dealerId,
        tenantId,
      ]);
      return rowCount > 0;
    },
    async systemUser(username) {
      const { rows } = await query<UserRow>(
        `SELECT ${userColumns} FROM users u WHERE u.username = $1 AND u.tenant_id IS NULL`,
        [username],
      );
      return rows[0] ? toUser(rows[0]) : undefined;
    },
    async userById(id) {
      const { rows } = await query<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.id = $1`, [id]);
      return rows[0] ? toUser(rows[0]) : undefined;
    },
    async switchSessionTenant(accessHash, tenantId, now) {
      const { rowCount } = await query(
        'UPDATE sessions SET tenant_id = $1 WHERE access_hash = $2 AND ended_at IS NULL AND access_expires_at > $3',
        [tenantId, accessHash, now],
      );
      return rowCount > 0;
    },
    async listTenants() {
      const { rows } = await query<{ id: string; name: string | null }>(
        `SELECT id, settings->>'name' AS name FROM tenants ORDER BY seq`,
      );
      return rows.map((row) => ({ id: row.id, name: row.name ?? '' }));
    },
    async addToken(tenantId, tokenHash) {
      const id = newResourceId();
      await query('INSERT INTO tokens (id, tenant_id, hash) VALUES ($1, $2, $3)', [id, tenantId, tokenHash]);
      return id;
    },
    async revokeToken(tokenId) {
      const { rowCount } = await query(
        'UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
        [tokenId],
      );
      return rowCount > 0;
    },
    async createUser(user) {
      const id = newResourceId();
      try {
        await query(
          `INSERT INTO users (id, tenant_id, username, password_hash, role, two_factor, email)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, user.tenantId, user.username, user.passwordHash, user.role, user.twoFactor, user.email],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') return undefined; // unique_violation
        throw error;
      }
      return { id, ...user };
    },
    async listUsers(tenantId) {
      const { rows } = tenantId
        ? await query<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.tenant_id = $1 ORDER BY u.seq`, [
            tenantId,
          ])
        : await query<UserRow>(`SELECT ${userColumns} FROM users u ORDER BY u.seq`);
      return rows.map(toUser);
    },
    async removeUser(tenantId, username) {
      const { rowCount } = await query(
        'DELETE FROM users WHERE tenant_id IS NOT DISTINCT FROM $1 AND username = $2',
        [tenantId, username],
      );
      return rowCount > 0;
    },
    async findUsers(username, domain) {
      const { rows } =
        domain === undefined
          ? await query<UserRow>(`SELECT ${userColumns} FROM users u WHERE u.username = $1 ORDER BY u.seq`, [
              username,
            ])
          : await query<UserRow>(
              `SELECT ${userColumns} FROM users u JOIN tenants t ON t.id = u.tenant_id
                WHERE u.username = $1 AND t.settings->>'domain' = $2 ORDER BY u.seq`,
              [username, domain],
            );
      return rows.map(toUser);
    },
    async signInFailures(accounts, address, since) {
      const { rows } = await query<SignInFailure>(
        `SELECT account, address, at FROM sign_in_failures
          WHERE at > $1 AND (address = $2 OR account = ANY($3::TEXT[]))`,
        [since, address, [...accounts]],
        'sign-in-failures',
      );
      return rows;
    },
    async recordFailedSignIn(accounts, address, at) {
      await transaction(async (tx) => {
        // What is older than a day can no longer count: it goes as new failures come.
        await tx('DELETE FROM sign_in_failures WHERE at < $1', [at - FAILURES_KEPT_MS]);
        await tx('INSERT INTO sign_in_failures (account, address, at) SELECT unnest($1::TEXT[]), $2, $3', [
          [...accounts],
          address,
          at,
        ]);
      });
    },
    async recordSignIn(account, address, at) {
      await transaction(async (tx) => {
        await tx('DELETE FROM sign_in_failures WHERE account = $1 AND address = $2', [account, address]);
        await tx(
          `INSERT INTO sign_in_addresses (account, address, at) VALUES ($1, $2, $3)
           ON CONFLICT (account, address) DO UPDATE SET at = excluded.at`,
          [account, address, at],
        );
      });
    },
    async isKnownSignInAddress(account, address, since) {
      const { rowCount } = await query(
        'SELECT 1 FROM sign_in_addresses WHERE account = $1 AND address = $2 AND at > $3',
        [account, address, since],
      );
      return rowCount > 0;
    },
    async createSession(userId, secrets) {
      await query(
        `INSERT INTO sessions (id, user_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          newResourceId(),
          userId,
          secrets.accessHash,
          secrets.accessExpiresAt,
          secrets.refreshHash,
          secrets.refreshExpiresAt,
        ],
      );
    },
    async rotateRefreshToken(refreshHash, next, now) {
      return transaction(async (tx) => {
        // The session's row is locked: a racing rotation with the same token waits, then finds it gone.
        const { rows } = await tx<UserRow & { session_id: string; refresh_expires_at: number; hash: Buffer }>(
          `SELECT ${userColumns}, s.id AS session_id, s.refresh_expires_at, s.refresh_hash AS hash
             FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.refresh_hash = $1 AND s.ended_at IS NULL
            FOR UPDATE OF s`,
          [refreshHash],
        );
        const live = rows[0];
        if (live && sameHash(live.hash, refreshHash) && now < live.refresh_expires_at) {
          await tx('INSERT INTO rotated_refresh_tokens (hash, session_id) VALUES ($1, $2)', [
            refreshHash,
            live.session_id,
          ]);
          await tx(
            `UPDATE sessions SET access_hash = $1, access_expires_at = $2, refresh_hash = $3, refresh_expires_at = $4
              WHERE id = $5`,
            [next.accessHash, next.accessExpiresAt, next.refreshHash, next.refreshExpiresAt, live.session_id],
          );
          return { outcome: 'rotated' as const, user: toUser(live) };
        }
        const rotated = await tx<{ session_id: string }>(
          'SELECT session_id FROM rotated_refresh_tokens WHERE hash = $1',
          [refreshHash],
        );
        const sessionId = rotated.rows[0]?.session_id;
        if (sessionId !== undefined) {
          await tx('UPDATE sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [sessionId]);
          return { outcome: 'reused' as const };
        }
        return { outcome: 'unknown' as const };
      });
    },
    async sessionUser(accessHash, now) {
      const { rows } = await query<UserRow & { access_expires_at: number; hash: Buffer }>(
        `SELECT ${userColumns}, s.access_expires_at, s.access_hash AS hash
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.access_hash = $1 AND s.ended_at IS NULL`,
        [accessHash],
      );
      const row = rows[0];
      return row && sameHash(row.hash, accessHash) && now < row.access_expires_at ? toUser(row) : undefined;
    },
    async endSession(accessHash, now) {
      const { rowCount } = await query(
        `UPDATE sessions SET ended_at = now()
          WHERE access_hash = $1 AND ended_at IS NULL AND access_expires_at > $2`,
        [accessHash, now],
      );
      return rowCount > 0;
    },
    async createSignInFlow(flowHash, userId, expiresAt) {
      await transaction(async (tx) => {
        await tx('DELETE FROM sign_in_flows WHERE expires_at < $1', [Date.now()]);
        await tx('INSERT INTO sign_in_flows (hash, user_id, expires_at) VALUES ($1, $2, $3)', [
          flowHash,
          userId,
          expiresAt,
        ]);
      });
    },
    async signInFlow(flowHash) {
      const { rows } = await query<
        UserRow & {
          expires_at: number;
          code_hash: Buffer | null;
          code_expires_at: number | null;
          tries: number;
          hash: Buffer;
        }
      >(userOfFlow, [flowHash]);
      const row = rows[0];
      if (!row || !sameHash(row.hash, flowHash)) return undefined;
      return {
        user: toUser(row),
        expiresAt: row.expires_at,
        codeHash: row.code_hash,
        codeExpiresAt: row.code_expires_at,
        tries: row.tries,
      };
    },
    async setFlowCode(flowHash, codeHash, codeExpiresAt) {
      await query('UPDATE sign_in_flows SET code_hash = $1, code_expires_at = $2 WHERE hash = $3', [
        codeHash,
        codeExpiresAt,
        flowHash,
      ]);
    },
    async countFlowTry(flowHash) {
      const { rows } = await query<{ tries: number }>(
        'UPDATE sign_in_flows SET tries = tries + 1 WHERE hash = $1 RETURNING tries',
        [flowHash],
      );
      return rows[0]?.tries ?? Number.MAX_SAFE_INTEGER;
    },
    async endSignInFlow(flowHash) {
      await query('DELETE FROM sign_in_flows WHERE hash = $1', [flowHash]);
    },
    async close() {
      await pool.end();
    },
  };
}

// The sign-in state of the store, written once for SQLite and PostgreSQL: sessions and their rotating
// refresh tokens, sign-ins waiting for a one-time code, and failed sign-ins for throttling. The rules
// (lifetimes, tries, limits) are the sign-in service's; here each change is one statement or one
// transaction.
import type { SignInFailure } from '../auth/sign-in-throttle.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlSession } from './sql-session.js';
import {
  FAILURES_KEPT_MS,
  newResourceId,
  sameHash,
  toUser,
  type UserRow,
  userColumns,
} from './store-values.js';
import type { AuthStore } from './tenant-store.js';

/** The AuthStore methods but those about users and tenants (findUsers, switchSessionTenant): the tenant core's. */
export type AuthStoreCore = Omit<AuthStore, 'findUsers' | 'switchSessionTenant'>;

export function authStoreCore(db: SqlSession, dialect: SqlDialect): AuthStoreCore {
  const { now } = dialect;
  return {
    async signInFailures(accounts, address, since) {
      const account = dialect.oneOf('account', accounts, 'TEXT');
      return db.rows<SignInFailure>(
        `SELECT account, address, at FROM sign_in_failures WHERE at > ? AND (address = ? OR ${account.sql})`,
        [since, address, ...account.params],
        { prepare: true },
      );
    },
    async recordFailedSignIn(accounts, address, at) {
      await db.transaction(async (tx) => {
        // What is older than a day can no longer count: it goes as new failures come.
        await tx.run('DELETE FROM sign_in_failures WHERE at < ?', [at - FAILURES_KEPT_MS]);
        for (const account of accounts) {
          await tx.run('INSERT INTO sign_in_failures (account, address, at) VALUES (?, ?, ?)', [
            account,
            address,
            at,
          ]);
        }
      });
    },
    async recordSignIn(account, address, at) {
      await db.transaction(async (tx) => {
        await tx.run('DELETE FROM sign_in_failures WHERE account = ? AND address = ?', [account, address]);
        await tx.run(
          `INSERT INTO sign_in_addresses (account, address, at) VALUES (?, ?, ?)
           ON CONFLICT (account, address) DO UPDATE SET at = excluded.at`,
          [account, address, at],
        );
      });
    },
    async isKnownSignInAddress(account, address, since) {
      const rows = await db.rows(
        'SELECT 1 AS known FROM sign_in_addresses WHERE account = ? AND address = ? AND at > ?',
        [account, address, since],
      );
      return rows.length > 0;
    },
    async createSession(userId, secrets) {
      await db.run(
        `INSERT INTO sessions (id, user_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
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
    async rotateRefreshToken(refreshHash, next, at) {
      return db.transaction(async (tx) => {
        // The session's row stays locked: a racing rotation with the same token waits, then finds it gone.
        const [live] = await tx.rows<
          UserRow & { session_id: string; refresh_expires_at: number; hash: Uint8Array }
        >(
          `SELECT ${userColumns}, s.id AS session_id, s.refresh_expires_at, s.refresh_hash AS hash
             FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.refresh_hash = ? AND s.ended_at IS NULL${dialect.lockRows('s')}`,
          [refreshHash],
        );
        if (live && sameHash(live.hash, refreshHash) && at < live.refresh_expires_at) {
          await tx.run('INSERT INTO rotated_refresh_tokens (hash, session_id) VALUES (?, ?)', [
            refreshHash,
            live.session_id,
          ]);
          await tx.run(
            `UPDATE sessions SET access_hash = ?, access_expires_at = ?, refresh_hash = ?, refresh_expires_at = ?
              WHERE id = ?`,
            [next.accessHash, next.accessExpiresAt, next.refreshHash, next.refreshExpiresAt, live.session_id],
          );
          return { outcome: 'rotated' as const, user: toUser(live) };
        }
        const [rotated] = await tx.rows<{ session_id: string }>(
          'SELECT session_id FROM rotated_refresh_tokens WHERE hash = ?',
          [refreshHash],
        );
        if (rotated) {
          // Reuse means theft: the whole session ends.
          await tx.run(`UPDATE sessions SET ended_at = ${now} WHERE id = ? AND ended_at IS NULL`, [
            rotated.session_id,
          ]);
          return { outcome: 'reused' as const };
        }
        return { outcome: 'unknown' as const };
      });
    },
    async sessionUser(accessHash, at) {
      const [row] = await db.rows<UserRow & { access_expires_at: number; hash: Uint8Array }>(
        `SELECT ${userColumns}, s.access_expires_at, s.access_hash AS hash
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.access_hash = ? AND s.ended_at IS NULL`,
        [accessHash],
      );
      return row && sameHash(row.hash, accessHash) && at < row.access_expires_at ? toUser(row) : undefined;
    },
    async endSession(accessHash, at) {
      return (
        (await db.run(
          `UPDATE sessions SET ended_at = ${now}
            WHERE access_hash = ? AND ended_at IS NULL AND access_expires_at > ?`,
          [accessHash, at],
        )) > 0
      );
    },
    async createSignInFlow(flowHash, userId, expiresAt) {
      await db.transaction(async (tx) => {
        await tx.run('DELETE FROM sign_in_flows WHERE expires_at < ?', [Date.now()]);
        await tx.run('INSERT INTO sign_in_flows (hash, user_id, expires_at) VALUES (?, ?, ?)', [
          flowHash,
          userId,
          expiresAt,
        ]);
      });
    },
    async signInFlow(flowHash) {
      const [row] = await db.rows<
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
        [flowHash],
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
      await db.run('UPDATE sign_in_flows SET code_hash = ?, code_expires_at = ? WHERE hash = ?', [
        codeHash,
        codeExpiresAt,
        flowHash,
      ]);
    },
    async countFlowTry(flowHash) {
      const [row] = await db.rows<{ tries: number }>(
        'UPDATE sign_in_flows SET tries = tries + 1 WHERE hash = ? RETURNING tries',
        [flowHash],
      );
      return row?.tries ?? Number.MAX_SAFE_INTEGER;
    },
    async endSignInFlow(flowHash) {
      await db.run('DELETE FROM sign_in_flows WHERE hash = ?', [flowHash]);
    },
  };
}

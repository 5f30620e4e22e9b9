// What the store core needs from a database connection, for both engines: statements with `?`
// placeholders, and transactions whose work may await. SQLite's binding is synchronous and has one
// connection, so its session lets one transaction at a time own the connection and holds every other
// statement back until it ends (otherwise a statement of another request would land inside it).
import type { SqlDriver, SqlParam } from './sql-driver.js';

export interface StatementOptions {
  /** A statement every request makes: the engine may parse and plan it once (PostgreSQL: a named one). */
  prepare?: boolean;
}

export interface SqlSession {
  /** The rows a statement returns (a SELECT, or a write with RETURNING). */
  rows<Row>(sql: string, params?: readonly unknown[], options?: StatementOptions): Promise<Row[]>;
  /** Runs a write; resolves with how many rows it changed. */
  run(sql: string, params?: readonly unknown[], options?: StatementOptions): Promise<number>;
  /**
   * Runs `work` in one transaction: all of its statements commit, or none (it rejects). A write
   * transaction holds the rows it writes against other writers; `readOnly` sees one snapshot.
   */
  transaction<T>(work: (tx: SqlSession) => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
}

/** The session of a SQLite connection (better-sqlite3 or node:sqlite). */
export function sqliteSession(db: SqlDriver): SqlSession {
  /** Settles when the transaction that owns the connection ends; undefined when none does. */
  // Each caller checks `owned` again after every wait and acts in the same synchronous step: a helper
  // that waited and then returned would give another waiter the turn in between.
  let owned: Promise<void> | undefined;
  const inside: SqlSession = {
    rows: async <Row>(sql: string, params: readonly unknown[] = []) =>
      db.all<Row>(sql, ...(params as SqlParam[])),
    run: async (sql, params = []) => db.run(sql, ...(params as SqlParam[])).changes,
    transaction: () => Promise.reject(new Error('a transaction inside a transaction')),
  };
  return {
    async rows<Row>(sql: string, params: readonly unknown[] = []) {
      while (owned) await owned;
      return db.all<Row>(sql, ...(params as SqlParam[]));
    },
    async run(sql, params = []) {
      while (owned) await owned;
      return db.run(sql, ...(params as SqlParam[])).changes;
    },
    async transaction(work, { readOnly = false } = {}) {
      while (owned) await owned;
      let end = () => {};
      owned = new Promise<void>((resolve) => {
        end = resolve;
      });
      try {
        db.exec(readOnly ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
        try {
          const result = await work(inside);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        owned = undefined;
        end();
      }
    },
  };
}

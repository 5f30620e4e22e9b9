// The session of a PostgreSQL pool: `?` placeholders numbered as `$1…$n`, statements marked `prepare`
// made named ones (parsed and planned once per connection), and every failure of the connection
// turned into StoreUnavailableError (the server answers 503). A connection that failed is dropped.
import type pg from 'pg';
import type { SqlSession, StatementOptions } from './sql-session.js';
import { isUnavailable, StoreUnavailableError } from './store-unavailable.js';
import { numbered } from './tenant-collection-sql.js';

/** Says when the database stops answering, and when it answers again. */
export type AvailabilityNotice = (available: boolean, reason?: string) => void;

interface Spelled {
  text: string;
  name: string;
}

export function postgresSession(pool: pg.Pool, notice: AvailabilityNotice): SqlSession {
  // Each statement text numbered once, and named (for `prepare`) by the order it was first seen.
  const spelled = new Map<string, Spelled>();
  const spell = (sql: string): Spelled => {
    let known = spelled.get(sql);
    if (!known) {
      known = { text: numbered('postgres', sql), name: `s${spelled.size + 1}` };
      spelled.set(sql, known);
    }
    return known;
  };

  /** The driver's failure as the store's: unavailable when the database is, the error itself otherwise. */
  const failure = (error: unknown): unknown => {
    if (!isUnavailable(error)) return error;
    const reason = (error as Error).message || String((error as { code?: string }).code);
    notice(false, reason);
    return new StoreUnavailableError(`the database cannot be reached (${reason})`, { cause: error });
  };

  const query = async (sql: string, params: readonly unknown[], options: StatementOptions = {}) => {
    const { text, name } = spell(sql);
    try {
      const result = await pool.query(
        options.prepare ? { name, text, values: [...params] } : { text, values: [...params] },
      );
      notice(true);
      return result;
    } catch (error) {
      throw failure(error);
    }
  };

  return {
    rows: async <Row>(sql: string, params: readonly unknown[] = [], options?: StatementOptions) =>
      (await query(sql, params, options)).rows as Row[],
    run: async (sql, params = [], options) => (await query(sql, params, options)).rowCount ?? 0,
    async transaction(work, { readOnly = false } = {}) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw failure(error);
      }
      const onClient = (sql: string, params: readonly unknown[]) =>
        client.query({ text: spell(sql).text, values: [...params] });
      const inside: SqlSession = {
        rows: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await onClient(sql, params)).rows as Row[],
        run: async (sql, params = []) => (await onClient(sql, params)).rowCount ?? 0,
        transaction: () => Promise.reject(new Error('a transaction inside a transaction')),
      };
      let broken: Error | undefined;
      try {
        await client.query(readOnly ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
        const result = await work(inside);
        await client.query('COMMIT');
        notice(true);
        return result;
      } catch (error) {
        if (isUnavailable(error)) broken = error as Error;
        else await client.query('ROLLBACK').catch(() => undefined);
        throw failure(error);
      } finally {
        client.release(broken);
      }
    },
  };
}

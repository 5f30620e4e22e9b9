// The little the store needs from a SQLite binding, so that the store is written once for both engines.

export type SqlParam = string | number | bigint | null | Uint8Array;

export interface SqlDriver {
  /** Which binding this is, for logs and `tenant-server` messages. */
  readonly engine: 'better-sqlite3' | 'node:sqlite';
  exec(sql: string): void;
  get<Row>(sql: string, ...params: SqlParam[]): Row | undefined;
  all<Row>(sql: string, ...params: SqlParam[]): Row[];
  run(sql: string, ...params: SqlParam[]): { changes: number };
  /** Runs `work` in a BEGIN IMMEDIATE transaction: committed if it returns, rolled back if it throws. */
  immediate<T>(work: () => T): T;
  close(): void;
}

/** BEGIN IMMEDIATE … COMMIT around `work`, ROLLBACK when it throws: for bindings without a helper. */
export function immediateTransaction<T>(driver: Pick<SqlDriver, 'exec'>, work: () => T): T {
  driver.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    driver.exec('COMMIT');
    return result;
  } catch (error) {
    driver.exec('ROLLBACK');
    throw error;
  }
}

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
  /** Runs reads in one read transaction (BEGIN DEFERRED): they see one state of the database. */
  readTransaction<T>(work: () => T): T;
  close(): void;
}

/** BEGIN IMMEDIATE … COMMIT around `work`, ROLLBACK when it throws: for bindings without a helper. */
export function immediateTransaction<T>(
  driver: Pick<SqlDriver, 'exec'>,
  work: () => T,
  begin = 'BEGIN IMMEDIATE',
): T {
  driver.exec(begin);
  try {
    const result = work();
    driver.exec('COMMIT');
    return result;
  } catch (error) {
    driver.exec('ROLLBACK');
    throw error;
  }
}

/** What a binding's prepared statement offers; both engines' statements fit it. */
export interface PreparedStatement {
  get(...params: SqlParam[]): unknown;
  all(...params: SqlParam[]): unknown[];
  run(...params: SqlParam[]): { changes: number | bigint };
}

/** A driver over a binding: statements prepared once per SQL text and reused. */
export function driverOver(
  engine: SqlDriver['engine'],
  binding: { exec(sql: string): unknown; prepare(sql: string): PreparedStatement; close(): unknown },
): SqlDriver {
  const statements = new Map<string, PreparedStatement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = binding.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const driver: SqlDriver = {
    engine,
    exec: (sql) => void binding.exec(sql),
    get: <Row>(sql: string, ...params: SqlParam[]) => prepare(sql).get(...params) as Row | undefined,
    all: <Row>(sql: string, ...params: SqlParam[]) => prepare(sql).all(...params) as Row[],
    run: (sql, ...params) => ({ changes: Number(prepare(sql).run(...params).changes) }),
    immediate: (work) => immediateTransaction(driver, work),
    readTransaction: (work) => immediateTransaction(driver, work, 'BEGIN DEFERRED'),
    close: () => void binding.close(),
  };
  return driver;
}

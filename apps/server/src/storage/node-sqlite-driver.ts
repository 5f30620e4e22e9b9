// node:sqlite, built into Node ≥ 22.13: the engine wherever the runtime has it.
import { immediateTransaction, type SqlDriver, type SqlParam } from './sql-driver.js';

interface StatementSync {
  get(...params: SqlParam[]): unknown;
  all(...params: SqlParam[]): unknown[];
  run(...params: SqlParam[]): { changes: number | bigint };
}

interface DatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): StatementSync;
  close(): void;
}

type NodeSqlite = { DatabaseSync: new (path: string) => DatabaseSync };

/** node:sqlite if this runtime has it (typed here: @types/node 20 does not know the module). */
export function nodeSqlite(): NodeSqlite | undefined {
  const getBuiltin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
  return getBuiltin?.('node:sqlite') as NodeSqlite | undefined;
}

export function openNodeSqlite(path: string): SqlDriver {
  const binding = nodeSqlite();
  if (!binding) throw new Error('node:sqlite is not available in this Node.js');
  const db = new binding.DatabaseSync(path);
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const driver: SqlDriver = {
    engine: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    get: <Row>(sql: string, ...params: SqlParam[]) => prepare(sql).get(...params) as Row | undefined,
    all: <Row>(sql: string, ...params: SqlParam[]) => prepare(sql).all(...params) as Row[],
    run: (sql, ...params) => ({ changes: Number(prepare(sql).run(...params).changes) }),
    immediate: (work) => immediateTransaction(driver, work),
    close: () => db.close(),
  };
  return driver;
}

// better-sqlite3 12 (the engine on Node 20, which has no node:sqlite).
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { immediateTransaction, type SqlDriver, type SqlParam } from './sql-driver.js';

// Loaded only when chosen: on Node ≥ 24.19, better-sqlite3 12 aborts the process when a statement is
// garbage-collected (see README, "Versions").
const require = createRequire(import.meta.url);

export function openBetterSqlite3(path: string): SqlDriver {
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(path);
  const statements = new Map<string, BetterSqlite3.Statement<SqlParam[]>>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<SqlParam[]>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const driver: SqlDriver = {
    engine: 'better-sqlite3',
    exec: (sql) => void db.exec(sql),
    get: <Row>(sql: string, ...params: SqlParam[]) => prepare(sql).get(...params) as Row | undefined,
    all: <Row>(sql: string, ...params: SqlParam[]) => prepare(sql).all(...params) as Row[],
    run: (sql, ...params) => ({ changes: prepare(sql).run(...params).changes }),
    immediate: (work) => immediateTransaction(driver, work),
    close: () => db.close(),
  };
  return driver;
}

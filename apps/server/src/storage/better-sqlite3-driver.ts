// better-sqlite3 12 (the engine on Node 20, which has no node:sqlite).
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { driverOver, type PreparedStatement, type SqlDriver } from './sql-driver.js';

// Loaded only when chosen: on Node ≥ 24.19, better-sqlite3 12 aborts the process when a statement is
// garbage-collected (see the README, "Versions").
const require = createRequire(import.meta.url);

export function openBetterSqlite3(path: string): SqlDriver {
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(path);
  return driverOver('better-sqlite3', {
    exec: (sql) => db.exec(sql),
    prepare: (sql) => db.prepare(sql) as unknown as PreparedStatement,
    close: () => db.close(),
  });
}

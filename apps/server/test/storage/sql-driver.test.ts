// The driver layer each engine is seen through: prepared statements reused, transactions that roll back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSqlite } from '../../src/storage/node-sqlite-driver.js';
import { driverOver, immediateTransaction, type PreparedStatement } from '../../src/storage/sql-driver.js';
import { openSqlDriver, type SqliteEngine } from '../../src/storage/sqlite-store.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const engines: SqliteEngine[] = [];
if (nodeSqlite()) engines.push('node:sqlite');
if (major < 24 || (major === 24 && minor < 19)) engines.push('better-sqlite3'); // see sqlite-store.test.ts

const dir = mkdtempSync(join(tmpdir(), 'tenant-driver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(engines)('%s driver', (engine) => {
  it('runs, gets and lists with parameters; commits a transaction that returns, rolls back one that throws', () => {
    const db = openSqlDriver(join(dir, `${engine.replace(':', '-')}.db`), engine);
    expect(db.engine).toBe(engine);
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER) STRICT');
    expect(db.run('INSERT INTO t VALUES (?, ?)', 'a', 1)).toEqual({ changes: 1 });
    expect(db.immediate(() => db.run('INSERT INTO t VALUES (?, ?)', 'b', 2).changes)).toBe(1);
    expect(() =>
      db.immediate(() => {
        db.run('INSERT INTO t VALUES (?, ?)', 'c', 3);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.all<{ k: string }>('SELECT k FROM t ORDER BY k').map((r) => r.k)).toEqual(['a', 'b']);
    expect(db.get<{ v: number }>('SELECT v FROM t WHERE k = ?', 'b')).toEqual({ v: 2 });
    expect(db.get('SELECT v FROM t WHERE k = ?', 'zz')).toBeUndefined();
    db.close();
  });
});

describe('driverOver', () => {
  it('prepares each SQL text once', () => {
    const prepared: string[] = [];
    const statement: PreparedStatement = {
      get: () => ({ n: 1 }),
      all: () => [],
      run: () => ({ changes: 2n }),
    };
    const driver = driverOver('node:sqlite', {
      exec: () => undefined,
      prepare: (sql) => {
        prepared.push(sql);
        return statement;
      },
      close: () => undefined,
    });
    driver.get('SELECT 1');
    driver.get('SELECT 1');
    driver.all('SELECT 2');
    expect(driver.run('SELECT 1')).toEqual({ changes: 2 });
    expect(prepared).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('immediateTransaction sends BEGIN IMMEDIATE, then COMMIT or ROLLBACK', () => {
    const sent: string[] = [];
    const exec = (sql: string) => void sent.push(sql);
    expect(immediateTransaction({ exec }, () => 7)).toBe(7);
    expect(() =>
      immediateTransaction({ exec }, () => {
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(sent).toEqual(['BEGIN IMMEDIATE', 'COMMIT', 'BEGIN IMMEDIATE', 'ROLLBACK']);
  });
});

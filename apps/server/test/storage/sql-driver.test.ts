// The driver layer each engine is seen through: prepared statements reused, transactions that roll back.
// Each engine's own test (better-sqlite3-driver, node-sqlite-driver) runs describeDriver on it.
import { describe, expect, it } from 'vitest';
import { driverOver, immediateTransaction, type PreparedStatement } from '../../src/storage/sql-driver.js';

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

// What every SQLite binding must do through the driver, written once for both engines' tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/storage/sql-driver.js';

export function describeDriver(engine: SqlDriver['engine'], open: (path: string) => SqlDriver): void {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-driver-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs, gets and lists with parameters; commits a transaction that returns, rolls back one that throws', () => {
    const db = open(join(dir, 'driver.db'));
    expect(db.engine).toBe(engine);
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER, b BLOB) STRICT');
    expect(db.run('INSERT INTO t VALUES (?, ?, ?)', 'a', 1, new Uint8Array([1, 2]))).toEqual({ changes: 1 });
    expect(db.immediate(() => db.run('INSERT INTO t (k, v) VALUES (?, ?)', 'b', 2).changes)).toBe(1);
    expect(() =>
      db.immediate(() => {
        db.run('INSERT INTO t (k, v) VALUES (?, ?)', 'c', 3);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.all<{ k: string }>('SELECT k FROM t ORDER BY k').map((r) => r.k)).toEqual(['a', 'b']);
    expect(db.get<{ v: number }>('SELECT v FROM t WHERE k = ?', 'b')).toEqual({ v: 2 });
    expect([...(db.get<{ b: Uint8Array }>('SELECT b FROM t WHERE k = ?', 'a')?.b ?? [])]).toEqual([1, 2]);
    expect(db.get('SELECT v FROM t WHERE k = ?', 'zz')).toBeUndefined();
    db.close();
  });
}

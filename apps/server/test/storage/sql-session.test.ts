// SQLite's session: a transaction owns the one connection while its work awaits; every other statement
// and transaction waits for it, then sees what it committed; a failed one leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { sqliteSession } from '../../src/storage/sql-session.js';
import { openSqlDriver } from '../../src/storage/sqlite-store.js';

function freshSession() {
  const db = openSqlDriver(':memory:');
  db.exec('CREATE TABLE t (n INTEGER NOT NULL)');
  return sqliteSession(db);
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('sqliteSession', () => {
  it('holds other statements back while a transaction awaits, then lets them see its commit', async () => {
    const db = freshSession();
    const order: string[] = [];
    const writing = db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (n) VALUES (?)', [1]);
      await tick(); // other requests run meanwhile
      await tx.run('INSERT INTO t (n) VALUES (?)', [2]);
      order.push('committed');
    });
    const reading = db.rows<{ count: number }>('SELECT count(*) AS count FROM t');
    const other = db.transaction(async (tx) => {
      order.push('second transaction');
      return tx.run('INSERT INTO t (n) VALUES (?)', [3]);
    });
    await Promise.all([writing, other]);
    // The read waited for the first commit, and came before the second transaction it was queued before.
    expect((await reading)[0]?.count).toBe(2);
    expect(order).toEqual(['committed', 'second transaction']);
    expect(await db.rows('SELECT n FROM t ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('rolls back all of a transaction that fails, and goes on serving', async () => {
    const db = freshSession();
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (n) VALUES (?)', [1]);
        await tx.run('INSERT INTO t (n) VALUES (?)', [null]);
      }),
    ).rejects.toThrow(/NOT NULL/);
    expect(await db.rows('SELECT n FROM t')).toEqual([]);
    expect(await db.run('INSERT INTO t (n) VALUES (?)', [5])).toBe(1);
    await expect(db.transaction((tx) => tx.transaction(async () => 1))).rejects.toThrow(
      'a transaction inside a transaction',
    );
    expect(await db.transaction(async (tx) => tx.rows('SELECT n FROM t'), { readOnly: true })).toEqual([
      { n: 5 },
    ]);
  });

  it("keeps another request's write out of a transaction that is rolled back", async () => {
    const db = freshSession();
    const failing = db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (n) VALUES (?)', [1]);
      await tick(); // another request writes meanwhile
      throw new Error('changed my mind');
    });
    const other = db.run('INSERT INTO t (n) VALUES (?)', [2]);
    await expect(failing).rejects.toThrow('changed my mind');
    expect(await other).toBe(1);
    expect(await db.rows('SELECT n FROM t')).toEqual([{ n: 2 }]); // its write was its own
  });
});

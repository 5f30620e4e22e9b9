// PostgreSQL's session against a real PostgreSQL: `?` numbered, prepared statements reused, a failed
// transaction rolled back, a read-only one refusing writes, a lost database said to be unavailable.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresSession } from '../../src/storage/postgres-session.js';
import { StoreUnavailableError } from '../../src/storage/store-unavailable.js';
import { postgresForFile } from '../support/postgres.js';

const server = await postgresForFile();

if (server) {
  describe('postgresSession', () => {
    it('numbers placeholders, prepares what it is asked to, and keeps transactions whole', async () => {
      const pool = new pg.Pool({ connectionString: await server.createDatabase(), max: 2 });
      const notices: boolean[] = [];
      const db = postgresSession(pool, (available) => notices.push(available));
      try {
        await db.run('CREATE TABLE t (n INTEGER NOT NULL, s TEXT)');
        expect(await db.run('INSERT INTO t (n, s) VALUES (?, ?), (?, ?)', [1, 'a', 2, 'b'])).toBe(2);
        for (let i = 0; i < 3; i++) {
          expect(await db.rows('SELECT s FROM t WHERE n = ?', [2], { prepare: true })).toEqual([{ s: 'b' }]);
        }
        await expect(
          db.transaction(async (tx) => {
            await tx.run('INSERT INTO t (n) VALUES (?)', [3]);
            await tx.run('INSERT INTO t (n) VALUES (?)', [null]);
          }),
        ).rejects.toThrow(/null value/);
        expect(await db.rows('SELECT n FROM t ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
        await expect(
          db.transaction((tx) => tx.run('INSERT INTO t (n) VALUES (?)', [4]), { readOnly: true }),
        ).rejects.toThrow(/read-only transaction/);
        expect(notices.length).toBeGreaterThan(0);
        expect(notices.every((available) => available)).toBe(true); // answered every time
      } finally {
        await pool.end();
      }
    });

    it('says a database it cannot reach is unavailable', async () => {
      const url = new URL(server.url);
      url.port = '1';
      const pool = new pg.Pool({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
      const notices: boolean[] = [];
      const db = postgresSession(pool, (available) => notices.push(available));
      try {
        await expect(db.rows('SELECT 1')).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(db.transaction((tx) => tx.rows('SELECT 1'))).rejects.toBeInstanceOf(
          StoreUnavailableError,
        );
        expect(notices.every((available) => available === false)).toBe(true);
      } finally {
        await pool.end();
      }
    });
  });
}

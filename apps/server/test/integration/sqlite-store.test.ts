// The SQLite store on each engine this runtime can run: the same contract for both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBetterSqlite3 } from '../../src/storage/better-sqlite3-driver.js';
import { migrations } from '../../src/storage/migrations.js';
import { nodeSqlite, openNodeSqlite } from '../../src/storage/node-sqlite-driver.js';
import { openSqliteStore, type SqliteEngine } from '../../src/storage/sqlite-store.js';
import { hashToken } from '../../src/tokens.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const engines: SqliteEngine[] = [];
if (nodeSqlite()) engines.push('node:sqlite');
// better-sqlite3 12 aborts the process on Node ≥ 24.19 when a statement is garbage-collected (fixed in
// 13, which does not run on Node 20); node:sqlite is the engine there.
if (major < 24 || (major === 24 && minor < 19)) engines.push('better-sqlite3');

const dir = mkdtempSync(join(tmpdir(), 'tenant-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(engines)('SQLite store on %s', (engine) => {
  const path = join(dir, `${engine.replace(':', '-')}.db`);

  it('creates, finds by token, merges atomically, honours preconditions, and persists', () => {
    const store = openSqliteStore({ path, engine });
    expect(store.engine).toBe(engine);
    const tenant = store.createTenant({ name: 'One', recording_retention: 180 });
    const tokenId = store.addToken(tenant.id, hashToken('tok'));
    expect(store.tenantIdForToken(hashToken('tok'))).toBe(tenant.id);
    expect(store.tenantIdForToken(hashToken('other'))).toBeUndefined();
    expect(store.mergeSettings(tenant.id, { recording_retention: 90 })).toMatchObject({ outcome: 'updated' });
    expect(store.mergeSettings(tenant.id, { name: 'Two' }, () => false)).toMatchObject({
      outcome: 'precondition-failed',
    });
    expect(store.mergeSettings('nope', { name: 'x' })).toEqual({ outcome: 'not-found' });
    expect(() =>
      store.mergeSettings(tenant.id, { name: 'Three' }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.revokeToken(tokenId)).toBe(true);
    expect(store.revokeToken(tokenId)).toBe(false);
    expect(store.tenantIdForToken(hashToken('tok'))).toBeUndefined();
    store.close();

    const reopened = openSqliteStore({ path, engine });
    expect(reopened.readTenant(tenant.id)?.settings).toEqual({ name: 'One', recording_retention: 90 });
    expect(reopened.integrityCheck()).toBe('ok');
    reopened.close();
  });

  it('records the schema version and refuses a database from a newer server', () => {
    const store = openSqliteStore({ path, engine });
    store.close();
    const raw = engine === 'node:sqlite' ? openNodeSqlite(path) : openBetterSqlite3(path);
    expect(raw.get<{ user_version: number }>('PRAGMA user_version')?.user_version).toBe(migrations.length);
    raw.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openSqliteStore({ path, engine })).toThrow(/newer than this server knows/);
  });
});

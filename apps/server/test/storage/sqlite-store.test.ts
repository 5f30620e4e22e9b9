// The SQLite store on each binding this runtime can run: migrations, engine choice, what it persists
// (the contracts shared with PostgreSQL are store-core.test.ts's and auth-store-core.test.ts's).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/storage/migrations.js';
import { nodeSqlite } from '../../src/storage/node-sqlite-driver.js';
import { defaultEngine, openSqlDriver, openSqliteStore } from '../../src/storage/sqlite-store.js';
import { hashToken } from '../../src/tokens.js';
import { sqliteEngines } from './every-engine.js';

const engines = sqliteEngines();

const dir = mkdtempSync(join(tmpdir(), 'tenant-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(engines)('SQLite on %s', (engine) => {
  const path = join(dir, `${engine.replace(':', '-')}.db`);
  afterEach(() => rmSync(path, { force: true }));

  it('uses the engine asked for, and persists what it acknowledged', async () => {
    const store = openSqliteStore({ path, engine });
    expect(store.engine).toBe(engine);
    const tenant = await store.createTenant({ name: 'Kept' });
    await store.mergeSettings(tenant.id, { log_retention: 9 });
    await store.close();
    const reopened = openSqliteStore({ path, engine });
    expect(await reopened.readTenant(tenant.id)).toEqual({
      id: tenant.id,
      settings: { name: 'Kept', log_retention: 9 },
      version: 2,
    });
    await reopened.close();
    const raw = openSqlDriver(path, engine);
    expect(raw.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check).toBe('ok');
    raw.close();
  });

  it('numbers the tenants of a database before version 6 in the order they were made; new ones come last', async () => {
    const old = openSqlDriver(path, engine);
    old.exec('PRAGMA foreign_keys = OFF');
    for (const [version, sql] of migrations.slice(0, 5).entries()) {
      old.exec(sql);
      old.exec(`PRAGMA user_version = ${version + 1}`);
    }
    for (const name of ['first', 'second', 'third'])
      old.run(`INSERT INTO tenants (id, settings) VALUES (?, ?)`, `T-${name}`, JSON.stringify({ name }));
    old.close();
    const store = openSqliteStore({ path, engine });
    await store.createTenant({ name: 'fourth' });
    const page = await store.listTenantPage({ skip: 1, top: 10 });
    expect(page.items.map((item) => item.settings.name)).toEqual(['second', 'third', 'fourth']);
    expect(page.count).toBe(4);
    await store.close();
  });

  it('migrates a database of schema version 1: tenants get version 1, tokens keep working', async () => {
    const old = openSqlDriver(path, engine);
    old.exec(migrations[0] ?? '');
    old.exec('PRAGMA user_version = 1');
    old.run(`INSERT INTO tenants (id, settings) VALUES ('T1', '{"name":"Old"}')`);
    old.run(`INSERT INTO tokens (id, tenant_id, hash) VALUES ('K1', 'T1', ?)`, hashToken('old-token'));
    old.close();
    const store = openSqliteStore({ path, engine });
    expect(await store.findTokenOwner(hashToken('old-token'))).toEqual({ tenantId: 'T1', version: 1 });
    expect(await store.readTenant('T1')).toEqual({ id: 'T1', settings: { name: 'Old' }, version: 1 });
    expect(await store.mergeSettings('T1', { name: 'New' }, { ifVersion: [1] })).toEqual({
      outcome: 'updated',
      version: 2,
    });
    expect(store.instanceId).toMatch(/^[0-9a-f]{16}$/);
    await store.close();
    const raw = openSqlDriver(path, engine);
    expect(raw.get<{ user_version: number }>('PRAGMA user_version')?.user_version).toBe(migrations.length);
    raw.close();
  });

  it('remembers token owners until another connection commits, which one catchUp() notices', async () => {
    const server = openSqliteStore({ path, engine });
    const admin = openSqliteStore({ path, engine }); // another connection: another process, say
    const tenant = await server.createTenant({ name: 'Fresh' });
    const hash = hashToken('fresh-token');
    await server.addToken(tenant.id, hash);
    const memory = server.memory;
    if (!memory) throw new Error('the SQLite store remembers owners');
    expect(memory.remembered(hash, Date.now())).toBeUndefined(); // never looked up yet
    expect(await server.findTokenOwner(hash)).toEqual({ tenantId: tenant.id, version: 1 });
    expect(memory.remembered(hash, Date.now())).toEqual({ tenantId: tenant.id, version: 1 });
    await admin.mergeSettings(tenant.id, { log_retention: 7 }); // committed elsewhere
    // Until the next check, memory answers as of the last one; the check forgets it...
    expect(memory.remembered(hash, Date.now())).toEqual({ tenantId: tenant.id, version: 1 });
    memory.catchUp();
    expect(memory.remembered(hash, Date.now())).toBeUndefined();
    // ...and a lookup sees the commit, as it does for every caller.
    expect(await server.findTokenOwner(hash)).toEqual({ tenantId: tenant.id, version: 2 });
    // This connection's own writes keep memory current without a check.
    await server.mergeSettings(tenant.id, { log_retention: 8 });
    expect(memory.remembered(hash, Date.now())).toEqual({ tenantId: tenant.id, version: 3 });
    await admin.close();
    await server.close();
  });

  it("remembers a session's owner only until its access token expires, and forgets on its own writes that move tokens", async () => {
    const store = openSqliteStore({ path, engine });
    const tenant = await store.createTenant({ name: 'Expiring' });
    const user = await store.createUser({
      tenantId: tenant.id,
      username: 'expiring',
      passwordHash: 'scrypt$16384$8$1$salt$hash',
      role: 'admin',
      twoFactor: false,
      email: null,
    });
    const now = Date.now();
    const access = hashToken('expiring-access');
    await store.createSession(user?.id ?? '', {
      accessHash: access,
      accessExpiresAt: now + 1000,
      refreshHash: hashToken('expiring-refresh'),
      refreshExpiresAt: now + 10_000,
    });
    const memory = store.memory;
    if (!memory) throw new Error('the SQLite store remembers owners');
    expect(await store.findTokenOwner(access, now)).toEqual({ tenantId: tenant.id, version: 1 });
    expect(memory.remembered(access, now + 999)).toEqual({ tenantId: tenant.id, version: 1 });
    expect(memory.remembered(access, now + 1000)).toBeUndefined(); // expired: never from memory
    expect(await store.findTokenOwner(access, now + 1000)).toBeUndefined();
    // A version the memory never saw (a tenant not looked up) is not an owner either.
    const other = await store.createTenant({ name: 'Unseen' });
    const token = hashToken('unseen-token');
    await store.addToken(other.id, token);
    expect(memory.remembered(token, now)).toBeUndefined();
    expect(await store.findTokenOwner(token, now)).toEqual({ tenantId: other.id, version: 1 });
    await store.destroyTenant(other.id);
    expect(memory.remembered(token, now)).toBeUndefined();
    expect(await store.findTokenOwner(token, now)).toBeUndefined();
    await store.close();
  });

  it('refuses a database from a newer server', async () => {
    await openSqliteStore({ path, engine }).close();
    const raw = openSqlDriver(path, engine);
    raw.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openSqliteStore({ path, engine })).toThrow(
      `the database is at schema version ${migrations.length + 1}, newer than this server knows (${migrations.length})`,
    );
  });
});

describe('engine choice', () => {
  it('follows TENANT_SERVER_SQLITE, else node:sqlite where Node has it', () => {
    const saved = process.env.TENANT_SERVER_SQLITE;
    try {
      process.env.TENANT_SERVER_SQLITE = 'better-sqlite3';
      expect(defaultEngine()).toBe('better-sqlite3');
      process.env.TENANT_SERVER_SQLITE = 'node:sqlite';
      expect(defaultEngine()).toBe('node:sqlite');
      process.env.TENANT_SERVER_SQLITE = 'mysql';
      expect(defaultEngine()).toBe(nodeSqlite() ? 'node:sqlite' : 'better-sqlite3');
    } finally {
      if (saved === undefined) delete process.env.TENANT_SERVER_SQLITE;
      else process.env.TENANT_SERVER_SQLITE = saved;
    }
  });
});

// The PostgreSQL store against a real PostgreSQL: migrations shared by replicas, and what happens while
// the database is away (the contracts shared with SQLite are store-core.test.ts's).
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore, redactDatabaseUrl } from '../../src/storage/postgres-store.js';
import { StoreUnavailableError } from '../../src/storage/store-unavailable.js';
import { postgresForFile } from '../support/postgres.js';

const server = await postgresForFile();

if (server) {
  describe('PostgreSQL store', () => {
    it('migrates a new database once when several servers open it at the same moment', async () => {
      const url = await server.createDatabase();
      const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStore({ url })));
      expect(new Set(stores.map((store) => store.instanceId)).size).toBe(1);
      const tenant = await stores[0]?.createTenant({ name: 'Seen by all' });
      for (const store of stores)
        expect((await store.readTenant(tenant?.id ?? ''))?.settings.name).toBe('Seen by all');
      await Promise.all(stores.map((store) => store.close()));
    });

    it('refuses to open an unreachable database, naming it without its password', async () => {
      const url = new URL(server.url);
      url.port = '1';
      url.password = 'hunter2';
      const error = await openPostgresStore({ url: url.toString() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(
        /^cannot open postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres \(/,
      );
      expect((error as Error).message).not.toContain('hunter2');
    });
  });

  describe.runIf(server.owned)('PostgreSQL store while the database is away', () => {
    // A test that fails halfway leaves the server crashed: the next ones need it back.
    afterAll(() => server.restart());

    it('fails with StoreUnavailableError, says so once, and recovers by itself when it is back', async () => {
      const url = await server.createDatabase();
      const changes: [boolean, string | undefined][] = [];
      const store = await openPostgresStore({ url, onAvailability: (up, why) => changes.push([up, why]) });
      const tenant = await store.createTenant({ name: 'Durable' });
      await store.mergeSettings(tenant.id, { name: 'Acknowledged' });
      await server.crash();
      for (let i = 0; i < 3; i++) {
        await expect(store.readTenant(tenant.id)).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.mergeSettings(tenant.id, { name: 'Lost' })).rejects.toBeInstanceOf(
          StoreUnavailableError,
        );
      }
      expect(changes.filter(([up]) => !up)).toHaveLength(1);
      await server.restart();
      expect((await store.readTenant(tenant.id))?.settings.name).toBe('Acknowledged');
      expect(changes.at(-1)).toEqual([true, undefined]);
      await store.close();
    });
  });
}

describe('redactDatabaseUrl', () => {
  it('hides the password, and anything that is not a URL', () => {
    expect(redactDatabaseUrl('postgres://u:secret@db:5432/x')).toBe('postgres://u:***@db:5432/x');
    expect(redactDatabaseUrl('postgres://db/x')).toBe('postgres://db/x');
    expect(redactDatabaseUrl('not a url')).toBe('the database URL');
  });
});

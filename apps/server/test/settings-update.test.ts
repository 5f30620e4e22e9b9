// One partial update as both POST /tenant and POST /tenants/{id} make it, over a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../src/admin.js';
import { ApiError, apiError } from '../src/api-errors.js';
import { updateSettings } from '../src/settings-update.js';
import { openSqliteStore, type SqliteStore } from '../src/storage/sqlite-store.js';
import { etagOf } from '../src/tenant-representation.js';

const dir = mkdtempSync(join(tmpdir(), 'settings-update-'));
let store: SqliteStore;
beforeAll(() => {
  store = openSqliteStore({ path: join(dir, 'tenants.db') });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const gone = () => apiError(404, 'NOT_FOUND', 'gone');
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
};

describe('updateSettings', () => {
  it('merges the update and returns the new ETag', async () => {
    const tenant = await createTenant(store, 'Merge');
    const etag = await updateSettings(
      store,
      tenant.id,
      { schema: 'TenantAdminUpdate', body: { max_extensions: 5 }, ifMatch: etagOf(1, store.instanceId) },
      gone,
    );
    expect(etag).toBe(etagOf(2, store.instanceId));
    expect((await store.readTenant(tenant.id))?.settings.max_extensions).toBe(5);
  });

  it("checks the body against the operation's own schema", async () => {
    const tenant = await createTenant(store, 'Schema');
    const error = await failure(
      updateSettings(
        store,
        tenant.id,
        { schema: 'TenantUpdate', body: { max_extensions: 5 }, ifMatch: undefined },
        gone,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.items[0]?.detail).toMatchObject({ path: '/max_extensions' });
    expect((await store.readTenant(tenant.id))?.version).toBe(1);
  });

  it('reports a bad If-Match and a bad body together, changing nothing', async () => {
    const tenant = await createTenant(store, 'Both');
    const error = await failure(
      updateSettings(
        store,
        tenant.id,
        { schema: 'TenantAdminUpdate', body: { colour: 1 }, ifMatch: 'nope' },
        gone,
      ),
    );
    expect(error.items.map((item) => item.message.split(':')[0])).toEqual(['If-Match', 'colour']);
    expect((await store.readTenant(tenant.id))?.version).toBe(1);
  });

  it('answers 412 for a stale ETag, and the caller’s error for a tenant that is gone', async () => {
    const tenant = await createTenant(store, 'Stale');
    const stale = {
      schema: 'TenantAdminUpdate',
      body: { max_extensions: 1 },
      ifMatch: etagOf(7, store.instanceId),
    };
    expect((await failure(updateSettings(store, tenant.id, stale, gone))).status).toBe(412);
    const missing = { schema: 'TenantAdminUpdate', body: { max_extensions: 1 }, ifMatch: undefined };
    expect((await failure(updateSettings(store, 'AAAAAAAAAAAAAAAAAAAAAAAA', missing, gone))).status).toBe(
      404,
    );
  });
});

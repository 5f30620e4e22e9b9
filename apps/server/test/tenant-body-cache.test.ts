// The GET /tenant body kept per tenant for one version: made once per version, peeked without I/O.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api-errors.js';
import { openSqliteStore } from '../src/storage/sqlite-store.js';
import { createTenantBodyCache } from '../src/tenant-body-cache.js';
import { defaultSettings } from '../src/tenant-representation.js';

describe('createTenantBodyCache', () => {
  it('makes the body once per version, serves it again, and makes it anew when the version moves', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const { id } = await store.createTenant(defaultSettings('Cached'));
    const readTenant = vi.spyOn(store, 'readTenant');
    const bodies = createTenantBodyCache(store);
    expect(bodies.peek({ tenantId: id, version: 1 })).toBeUndefined();
    const first = await bodies.get({ tenantId: id, version: 1 });
    expect(JSON.parse(first.body.toString())).toMatchObject({ id, name: 'Cached' });
    expect(first.etag).toBe(`"1-${store.instanceId}"`);
    expect(await bodies.get({ tenantId: id, version: 1 })).toBe(first);
    expect(bodies.peek({ tenantId: id, version: 1 })).toBe(first);
    expect(readTenant).toHaveBeenCalledTimes(1);
    await store.mergeSettings(id, { log_retention: 9 });
    expect(bodies.peek({ tenantId: id, version: 2 })).toBeUndefined();
    const second = await bodies.get({ tenantId: id, version: 2 });
    expect(JSON.parse(second.body.toString())).toMatchObject({ log_retention: 9 });
    expect(readTenant).toHaveBeenCalledTimes(2);
    await store.close();
  });

  it('answers 401 for a token whose tenant is gone', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    const error = await createTenantBodyCache(store)
      .get({ tenantId: 'gone', version: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401 });
    await store.close();
  });
});

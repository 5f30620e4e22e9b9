import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { seedTenants } from '../../src/testing/seed.js';
import { hashToken } from '../../src/tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seedTenants', () => {
  it('creates each tenant with a token of its own', async () => {
    const store = openSqliteStore({ path: join(dir, 't.db') });
    const seeded = await seedTenants(store, ['A', 'B']);
    expect(seeded.map((t) => t.name)).toEqual(['A', 'B']);
    for (const tenant of seeded) {
      expect(await store.findTokenOwner(hashToken(tenant.token))).toEqual({
        tenantId: tenant.id,
        version: 1,
      });
    }
    expect(await seedTenants(store, [])).toEqual([]);
    await store.close();
  });
});

// A SQLite file with `count` tenants named shop-00000… and a SystemAdmin signed in with a known access
// token: the collection's and the fleet's benchmarks start from it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '../apps/server/dist/admin.js';
import { openStore } from '../apps/server/dist/storage/open-store.js';
import { defaultSettings } from '../apps/server/dist/tenant-representation.js';
import { hashToken } from '../apps/server/dist/tokens.js';

export const SYSTEM_ADMIN_TOKEN = 'bench-system-admin-token';

export async function seededTenants(count) {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'bench-tenants-')), 'tenants.db');
  const store = await openStore(dbPath);
  for (let i = 0; i < count; i++)
    await store.createTenant(defaultSettings(`shop-${String(i).padStart(5, '0')}`));
  const admin = await createUser(store, {
    username: 'root',
    password: 'bench-password',
    role: 'SystemAdmin',
  });
  await store.createSession(admin.id, {
    accessHash: hashToken(SYSTEM_ADMIN_TOKEN),
    accessExpiresAt: Date.now() + 3600_000,
    refreshHash: hashToken(`${SYSTEM_ADMIN_TOKEN}-refresh`),
    refreshExpiresAt: Date.now() + 3600_000,
  });
  await store.close();
  return dbPath;
}

// Parallel writers over real HTTP: partial updates never lose each other, and If-Match lets exactly one
// of many racing writers through.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settableFieldNames } from '@tenantctl/schema';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, createToken } from '../../src/admin.js';
import { type RunningServer, serve } from '../../src/server.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import type { TenantStore } from '../../src/storage/tenant-store.js';
import { getTenant, postTenant } from '../support/test-server.js';
import { settableFields, validValue } from './arbitraries.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-concurrency-'));
let store: TenantStore;
let server: RunningServer;
const tokens: string[] = [];

beforeAll(async () => {
  store = openSqliteStore({ path: join(dir, 'tenants.db') });
  for (const name of ['One', 'Two', 'Three'])
    tokens.push(createToken(store, createTenant(store, name).id).token);
  server = await serve({ store, port: 0, logger: false });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('concurrency', () => {
  it('50 parallel POSTs, each setting a different (tenant, field): all 50 land', async () => {
    // 22 settable fields × 3 tenants: 50 distinct pairs, each written once, all at the same time.
    const fields = settableFields();
    const writes = Array.from({ length: 50 }, (_, i) => {
      const field = fields[i % fields.length];
      const token = tokens[Math.floor(i / fields.length)];
      if (!field || !token) throw new Error('not enough pairs');
      const [value] = fc.sample(validValue(field), { numRuns: 1, seed: i });
      return { token, field: field.name, value };
    });
    const responses = await Promise.all(
      writes.map((w) => postTenant(server.url, w.token, { [w.field]: w.value })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    // Read back from the store: avatar_file_id is write-only (GET does not return it).
    const tenants = store.listTenants();
    for (const w of writes) {
      const tenantIndex = tokens.indexOf(w.token);
      expect(tenants[tenantIndex]?.settings[w.field], w.field).toEqual(w.value);
    }
    console.log(
      `concurrency: 50 parallel POSTs over ${settableFieldNames().length} fields × 3 tenants, 50/50 landed`,
    );
  });

  it('50 parallel POSTs with the same If-Match: exactly one succeeds, 49 get 412', async () => {
    const { etag } = await getTenant(server.url, tokens[0] ?? '');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postTenant(server.url, tokens[0] ?? '', { name: `writer ${i}` }, { 'If-Match': etag ?? '' }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = responses.findIndex((r) => r.status === 200);
    expect((await getTenant(server.url, tokens[0] ?? '')).body.name).toBe(`writer ${winner}`);
    console.log('concurrency: 50 racing conditional POSTs, 1 × 200 and 49 × 412');
  });
});

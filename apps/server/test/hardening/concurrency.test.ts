// Parallel writers over real HTTP: partial updates never lose each other, and If-Match lets exactly one
// of many racing writers through.
import { settableFieldNames } from '@tenantctl/schema';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { settableFields, validValue } from './arbitraries.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ tenants: ['One', 'Two', 'Three'] });
});
afterAll(() => server.close());

const post = (token: string, body: unknown, extra: Record<string, string> = {}) =>
  fetch(`${server.url}/tenant`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...extra },
    body: JSON.stringify(body),
  });

describe('concurrency', () => {
  it('50 parallel POSTs, each setting a different (tenant, field): all 50 land', async () => {
    // 22 settable fields × 3 tenants: 50 distinct pairs, each written once, all at the same time.
    const fields = settableFields();
    const writes = Array.from({ length: 50 }, (_, i) => {
      const field = fields[i % fields.length];
      const tenant = server.tenants[Math.floor(i / fields.length)];
      if (!field || !tenant) throw new Error('not enough pairs');
      const [value] = fc.sample(validValue(field), { numRuns: 1, seed: i });
      return { tenant, field: field.name, value };
    });
    const responses = await Promise.all(writes.map((w) => post(w.tenant.token, { [w.field]: w.value })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    // Read back from the store, by id: avatar_file_id is write-only (GET does not return it).
    for (const w of writes) {
      expect((await server.store.readTenant(w.tenant.id))?.settings[w.field], w.field).toEqual(w.value);
    }
    for (const [index, tenant] of server.tenants.entries()) {
      const count = writes.filter((w) => w.tenant === tenant).length;
      expect((await server.store.readTenant(tenant.id))?.version, `tenant ${index}`).toBe(1 + count);
    }
    console.log(
      `concurrency: 50 parallel POSTs over ${settableFieldNames().length} fields × 3 tenants, 50/50 landed`,
    );
  });

  it('50 parallel POSTs with the same If-Match: exactly one succeeds, 49 get 412', async () => {
    const token = server.tenant.token;
    const etag =
      (await fetch(`${server.url}/tenant`, { headers: { Authorization: `Bearer ${token}` } })).headers.get(
        'etag',
      ) ?? '';
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post(token, { name: `writer ${i}` }, { 'If-Match': etag })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = statuses.indexOf(200);
    expect((await server.stored()).name).toBe(`writer ${winner}`);
    console.log('concurrency: 50 racing conditional POSTs, 1 × 200 and 49 × 412');
  });
});

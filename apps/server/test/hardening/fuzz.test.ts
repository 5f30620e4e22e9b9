// Property-based tests over real HTTP on a real SQLite file: no invalid body changes anything or gets
// anything but a 400 naming its field; every valid partial update lands exactly.
import { validateTenant } from '@tenantctl/schema';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';
import { getTenant, postTenant, startTestServer, type TestServer } from '../support/test-server.js';
import { invalidBody, validUpdate } from './arbitraries.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The tenant's settings exactly as stored: the JSON text in the SQLite file. */
function storedBytes(): string {
  const store = openSqliteStore({ path: server.dbPath });
  try {
    return JSON.stringify(store.readTenant(server.tenantA.id)?.settings);
  } finally {
    store.close();
  }
}

describe('negative fuzzing', () => {
  it('answers ≥ 500 generated invalid bodies with 400 naming the field, never 5xx, changing nothing', async () => {
    const before = storedBytes();
    const etagBefore = (await getTenant(server.url, server.tenantA.token)).etag;
    const kinds = new Map<string, number>();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(invalidBody(), async ({ kind, field, text }) => {
        const response = await postTenant(server.url, server.tenantA.token, text);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const answer = (await response.json()) as {
          errors: { code: string; message: string; detail?: { path?: string } }[];
        };
        expect(response.status).toBe(400);
        expect(answer.errors.length).toBeGreaterThan(0);
        expect(answer.errors.every((e) => e.code === 'VALIDATE_FAILED')).toBe(true);
        const named = answer.errors.some(
          (e) => e.detail?.path === `/${field}` || e.detail?.path?.startsWith(`/${field}/`),
        );
        expect(named, `${kind} ${field}: ${JSON.stringify(answer)}`).toBe(true);
      }),
      { numRuns: 600 },
    );
    expect(storedBytes()).toBe(before);
    expect((await getTenant(server.url, server.tenantA.token)).etag).toBe(etagBefore);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `negative fuzzing: ${total} invalid bodies (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}); ` +
        `answers: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}; 5xx: 0; stored state byte-identical`,
    );
    expect(total).toBeGreaterThanOrEqual(500);
  });
});

describe('positive fuzzing', () => {
  it('accepts ≥ 500 generated valid partial updates; each GET is the previous state merged with the update', async () => {
    let previous = (await getTenant(server.url, server.tenantA.token)).body;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(validUpdate(), async (update) => {
        const response = await postTenant(server.url, server.tenantA.token, update);
        expect(response.status, await response.clone().text()).toBe(200);
        const after = await getTenant(server.url, server.tenantA.token);
        expect(after.body).toEqual({
          ...previous,
          ...Object.fromEntries(Object.entries(update).filter(([k]) => k in previous)),
        });
        expect(validateTenant(after.body).valid).toBe(true);
        expect(response.headers.get('etag')).toBe(after.etag);
        previous = after.body;
        accepted++;
      }),
      { numRuns: 500 },
    );
    console.log(
      `positive fuzzing: ${accepted} valid partial updates accepted, each GET = previous ⊕ update, all valid Tenant bodies`,
    );
    expect(accepted).toBeGreaterThanOrEqual(500);
  });
});

// Property-based tests over real HTTP on a real SQLite file: no invalid body changes anything or gets
// anything but a 400 naming its field (or the rule of JSON text it breaks); every valid partial update
// lands exactly.
import { validateTenant } from '@tenantctl/schema';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testServerEngines } from '../../src/testing/index.js';
import { postgresForFile } from '../support/postgres.js';
import { invalidBody, validUpdate } from './arbitraries.js';

const postgres = await postgresForFile();
/** SQLite always; PostgreSQL where one runs (in CI, always): the same properties hold on both. */
const engines = testServerEngines(postgres);

let server: TestServer;
let engine = '';

const headers = () => ({
  Authorization: `Bearer ${server.tenant.token}`,
  'Content-Type': 'application/json',
});
const post = (body: string | Uint8Array) =>
  fetch(`${server.url}/tenant`, {
    method: 'POST',
    headers: headers(),
    body: typeof body === 'string' ? body : Buffer.from(body),
  });
const get = async () => {
  const response = await fetch(`${server.url}/tenant`, { headers: headers() });
  return { etag: response.headers.get('etag'), body: (await response.json()) as Record<string, unknown> };
};

/** The tenant's stored settings and version, as the store holds them. */
const storedState = async () => JSON.stringify(await server.store.readTenant(server.tenant.id));

describe.each(engines)('on %s', (name, start) => {
  beforeAll(async () => {
    engine = name;
    server = await start();
  });
  afterAll(() => server.close());

  describe('negative fuzzing', () => {
    it('answers ≥ 500 generated invalid bodies with 400 naming the field, never 5xx, changing nothing', async () => {
      const before = await storedState();
      const etagBefore = (await get()).etag;
      const kinds = new Map<string, number>();
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(invalidBody(), async ({ kind, path, text }) => {
          const response = await post(text);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          const answer = (await response.json()) as {
            errors: { code: string; message: string; detail?: { path?: string } }[];
          };
          expect(response.status).toBe(400);
          expect(answer.errors.length).toBeGreaterThan(0);
          expect(answer.errors.every((e) => e.code === 'VALIDATE_FAILED')).toBe(true);
          const named = answer.errors.some(
            (e) => e.detail?.path === path || (path !== '' && e.detail?.path?.startsWith(`${path}/`)),
          );
          expect(named, `${kind} ${path}: ${JSON.stringify(answer)}`).toBe(true);
        }),
        { numRuns: 700 },
      );
      expect(await storedState()).toBe(before);
      expect((await get()).etag).toBe(etagBefore);
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      console.log(
        `negative fuzzing (${engine}): ${total} invalid bodies (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}); ` +
          `answers: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}; 5xx: 0; stored state byte-identical`,
      );
      expect(total).toBeGreaterThanOrEqual(500);
      for (const kind of ['not UTF-8', 'unpaired surrogate', 'repeated name', 'rule broken'])
        expect(kinds.get(kind)).toBeGreaterThan(10);
    });
  });

  describe('positive fuzzing', () => {
    it('accepts ≥ 500 generated valid partial updates; each GET is the previous state merged with the update', async () => {
      let previous = (await get()).body;
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(validUpdate(), async (update) => {
          const response = await post(JSON.stringify(update));
          expect(response.status, await response.clone().text()).toBe(200);
          const after = await get();
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
        `positive fuzzing (${engine}): ${accepted} valid partial updates accepted, each GET = previous ⊕ update, all valid Tenant bodies`,
      );
      expect(accepted).toBeGreaterThanOrEqual(500);
    });
  });
});

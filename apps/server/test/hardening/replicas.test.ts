// Three real server processes on one real PostgreSQL: what one replica acknowledged, every other one
// serves at once; If-Match holds across replicas; parallel writes of different fields all merge.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/admin.js';
import { openStore, type Store } from '../../src/storage/open-store.js';
import { type ServerProcess, startServerProcess } from '../../src/testing/index.js';
import { hashToken } from '../../src/tokens.js';
import { postgresForFile } from '../support/postgres.js';
import { settableFields, validValue } from './arbitraries.js';

const server = await postgresForFile();

const call = (
  replica: ServerProcess,
  token: string,
  method: 'GET' | 'POST',
  body?: unknown,
  ifMatch?: string,
) =>
  fetch(`${replica.url}/tenant`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(ifMatch ? { 'If-Match': ifMatch } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe.runIf(server)('three replicas on one PostgreSQL', () => {
  const replicas: ServerProcess[] = [];
  let store: Store;
  beforeAll(async () => {
    const database = (await server?.createDatabase()) ?? '';
    const first = await startServerProcess({ database, tenants: ['One', 'Two', 'Three'] });
    replicas.push(
      first,
      ...(await Promise.all([1, 2].map(() => startServerProcess({ database, seeded: first.tenants })))),
    );
    store = await openStore(database);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await store?.close();
  });

  it('a tenant destroyed through one replica: its token answers 401 on every replica at once', async () => {
    const doomed = await store.createTenant({ name: 'Doomed' });
    await store.addToken(doomed.id, hashToken('doomed-token'));
    const admin = await createUser(store, {
      username: 'replica-root',
      password: 'replica-root-pw',
      role: 'SystemAdmin',
    });
    await store.createSession(admin.id, {
      accessHash: hashToken('replica-root-token'),
      accessExpiresAt: Date.now() + 3600_000,
      refreshHash: hashToken('replica-root-refresh'),
      refreshExpiresAt: Date.now() + 3600_000,
    });
    // Every replica has served the token (whatever it keeps of it, it has).
    for (const replica of replicas) expect((await call(replica, 'doomed-token', 'GET')).status).toBe(200);
    const destroyed = await fetch(`${replicas[0]?.url}/tenants/${doomed.id}/destroy`, {
      method: 'POST',
      headers: { Authorization: 'Bearer replica-root-token' },
    });
    expect(destroyed.status).toBe(204);
    for (const replica of replicas) expect((await call(replica, 'doomed-token', 'GET')).status).toBe(401);
  });

  it('a write acknowledged by one replica is what the other two serve next, ETag and all', async () => {
    const { token } = replicas[0]?.tenant ?? { token: '' };
    for (let i = 0; i < 30; i++) {
      const writer = replicas[i % 3] as ServerProcess;
      const written = await call(writer, token, 'POST', { name: `write ${i}` });
      expect(written.status).toBe(200);
      const etag = written.headers.get('etag');
      for (const reader of [replicas[(i + 1) % 3], replicas[(i + 2) % 3]] as ServerProcess[]) {
        const read = await call(reader, token, 'GET');
        expect(((await read.json()) as { name: string }).name).toBe(`write ${i}`);
        expect(read.headers.get('etag')).toBe(etag);
      }
    }
    console.log('replicas: 30 writes, each read back at once through the other two replicas: 60/60 fresh');
  });

  it('of 30 conditional writes with one ETag spread over the replicas, exactly one succeeds', async () => {
    const { token } = replicas[0]?.tenant ?? { token: '' };
    const etag = (await call(replicas[0] as ServerProcess, token, 'GET')).headers.get('etag') ?? '';
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(replicas[i % 3] as ServerProcess, token, 'POST', { name: `racer ${i}` }, etag),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 412)).toHaveLength(29);
    const winner = statuses.indexOf(200);
    expect((await store.readTenant(replicas[0]?.tenant.id ?? ''))?.settings.name).toBe(`racer ${winner}`);
    console.log('replicas: 30 racing conditional writes over 3 replicas, 1 × 200 and 29 × 412');
  });

  it('50 parallel writes of different (tenant, field) pairs spread over the replicas all merge', async () => {
    const fields = settableFields();
    const tenants = replicas[0]?.tenants ?? [];
    const before = await Promise.all(tenants.map(async (t) => (await store.readTenant(t.id))?.version ?? 0));
    const writes = Array.from({ length: 50 }, (_, i) => {
      const field = fields[i % fields.length];
      const tenant = tenants[Math.floor(i / fields.length)];
      if (!field || !tenant) throw new Error('not enough pairs');
      const [value] = fc.sample(validValue(field), { numRuns: 1, seed: 1000 + i });
      return { tenant, field: field.name, value, replica: replicas[i % 3] as ServerProcess };
    });
    const answers = await Promise.all(
      writes.map((w) => call(w.replica, w.tenant.token, 'POST', { [w.field]: w.value })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    for (const w of writes)
      expect((await store.readTenant(w.tenant.id))?.settings[w.field], w.field).toEqual(w.value);
    for (const [index, tenant] of tenants.entries()) {
      const count = writes.filter((w) => w.tenant === tenant).length;
      expect((await store.readTenant(tenant.id))?.version).toBe((before[index] ?? 0) + count);
    }
    console.log('replicas: 50 parallel writes of different fields over 3 replicas, 50/50 merged');
  });
});

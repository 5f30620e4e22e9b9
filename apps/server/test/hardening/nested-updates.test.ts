// The case that was found, over HTTP on both engines: a webhook configured, then a body that names only
// `enabled`, through POST /tenant and POST /tenants/{id}. Both engines store exactly the body's object
// (one rule: a field given is replaced whole), and both read back the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInSystemUser, type TestServer, testServerEngines } from '../../src/testing/index.js';
import { postgresForFile } from '../support/postgres.js';

const postgres = await postgresForFile();
const engines = testServerEngines(postgres);
const readBack: Record<string, unknown[]> = {};

describe.each(engines)('nested objects on %s', (name, start) => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await start();
    admin = (await signInSystemUser(server, 'SystemAdmin', 'root')).token;
  });
  afterAll(() => server.close());

  const post = (path: string, token: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const webhook = { enabled: false, url: 'https://hooks.example.com/cdr', auth: 'DISABLE' };

  it.each([
    ['POST /tenant', () => '/tenant', () => server.tenant.token],
    ['POST /tenants/{id}', () => `/tenants/${server.tenant.id}`, () => admin],
  ])('%s replaces the object with the one sent, whole', async (_what, path, token) => {
    expect((await post(path(), token(), { cdr_event: webhook })).status).toBe(200);
    expect((await post(path(), token(), { cdr_event: { enabled: true } })).status).toBe(200);
    const tenant = await server.stored(server.tenant.id);
    expect(tenant.cdr_event).toEqual({ enabled: true });
    readBack[name] = [...(readBack[name] ?? []), tenant.cdr_event];
  });
});

describe('both engines', () => {
  it('read back the same', () => {
    const [first, ...others] = Object.values(readBack);
    for (const other of others) expect(other).toEqual(first);
  });
});

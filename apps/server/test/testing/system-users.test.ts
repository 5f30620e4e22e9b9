// The system-user fixture signs in for real: its token reaches /tenants, and a dealer sees its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignToDealer,
  signInSystemUser,
  startTestServer,
  type TestServer,
} from '../../src/testing/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ tenants: ['Mine', 'Theirs'] });
});
afterAll(() => server.close());

const list = async (token: string) =>
  (await (
    await fetch(`${server.url}/tenants`, { headers: { Authorization: `Bearer ${token}` } })
  ).json()) as {
    count: number;
    items: { name: string }[];
  };

describe('signInSystemUser', () => {
  it('signs a SystemAdmin in: every tenant', async () => {
    const admin = await signInSystemUser(server, 'SystemAdmin', 'root');
    expect((await list(admin.token)).count).toBe(2);
  });

  it('signs a Dealer in: the tenants assigned to it, no others', async () => {
    const dealer = await signInSystemUser(server, 'Dealer', 'reseller');
    expect((await list(dealer.token)).count).toBe(0);
    await assignToDealer(server, 'reseller', [server.tenant.id]);
    expect((await list(dealer.token)).items.map((t) => t.name)).toEqual(['Mine']);
  });

  it('refuses a name taken already', async () => {
    await expect(signInSystemUser(server, 'SystemAdmin', 'root')).rejects.toThrow(
      'there is a system user named root already',
    );
  });
});

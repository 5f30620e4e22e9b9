// Authentication edge cases, and 1,000 mixed requests from three tenants with zero cross-tenant leaks.
import { tenantFieldNames } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/admin.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { newToken } from '../../src/tokens.js';

let server: TestServer;
const tenants: { id: string; token: string; name: string }[] = [];
beforeAll(async () => {
  server = await startTestServer({ tenants: ['Alpha', 'Bravo', 'Charlie'] });
  tenants.push(...server.tenants);
});
afterAll(() => server.close());

describe('authentication', () => {
  let revokedToken = '';
  beforeAll(async () => {
    const { tokenId, token } = await createToken(server.store, server.tenant.id);
    await server.store.revokeToken(tokenId);
    revokedToken = token;
  });

  it.each<[string, () => Record<string, string>]>([
    ['no Authorization header', () => ({})],
    ['an empty header', () => ({ Authorization: '' })],
    ['"Bearer" with no token', () => ({ Authorization: 'Bearer ' })],
    [
      'a Basic header',
      () => ({ Authorization: `Basic ${Buffer.from(`x:${tenants[0]?.token}`).toString('base64')}` }),
    ],
    ['the token without a scheme', () => ({ Authorization: tenants[0]?.token ?? '' })],
    ['a random token', () => ({ Authorization: `Bearer ${newToken()}` })],
    ['a revoked token', () => ({ Authorization: `Bearer ${revokedToken}` })],
    ['a token with a trailing garbage part', () => ({ Authorization: `Bearer ${tenants[0]?.token} extra` })],
  ])('401 with WWW-Authenticate and no data for %s', async (_what, headers) => {
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${server.url}/tenant`, {
        method,
        headers: { ...headers(), 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: '{"name":"intruder"}' } : {}),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const text = await response.text();
      for (const field of tenantFieldNames()) expect(text).not.toContain(`"${field}"`);
    }
    expect((await server.store.listTenants()).map((t) => t.name)).not.toContain('intruder');
  });

  it.each(['bearer', 'BEARER', 'Bearer'])(
    'accepts the scheme written %s (RFC 9110: case-insensitive)',
    async (scheme) => {
      const response = await fetch(`${server.url}/tenant`, {
        headers: { Authorization: `${scheme} ${tenants[1]?.token}` },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { name: string }).name).toBe('Bravo');
    },
  );
});

describe('tenant isolation', () => {
  it('1,000 mixed requests from three tenants: every answer is the caller’s own tenant, zero leaks', async () => {
    let leaks = 0;
    let requests = 0;
    const written = new Map(tenants.map((t) => [t.id, new Set<string>([t.name])]));
    for (let batch = 0; batch < 50; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const tenant = tenants[(batch * 20 + i) % tenants.length];
          if (!tenant) return;
          const headers = { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' };
          requests++;
          if (i % 2 === 0) {
            const name = `${tenant.name}-${batch}-${i}`;
            written.get(tenant.id)?.add(name);
            // The body even names another tenant's id: it must be refused, not followed.
            const response = await fetch(`${server.url}/tenant`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ name }),
            });
            if (response.status !== 200) leaks++;
          } else {
            const body = (await (await fetch(`${server.url}/tenant`, { headers })).json()) as {
              id: string;
              name: string;
            };
            if (body.id !== tenant.id || !written.get(tenant.id)?.has(body.name)) leaks++;
          }
        }),
      );
    }
    for (const tenant of tenants) {
      const stored = (await server.store.readTenant(tenant.id))?.settings.name as string;
      if (!stored.startsWith(tenant.name)) leaks++;
    }
    console.log(`tenant isolation: ${requests} requests from 3 tenants (half writes), ${leaks} leaks`);
    expect(requests).toBe(1000);
    expect(leaks).toBe(0);
  });
});

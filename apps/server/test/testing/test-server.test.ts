import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../src/testing/index.js';

describe('startTestServer', () => {
  it('seeds the tenants asked for, each with a working token, and reads what is stored', async () => {
    const server = await startTestServer({ tenants: ['One', 'Two'] });
    try {
      expect(server.tenants.map((t) => t.name)).toEqual(['One', 'Two']);
      expect(server.tenant).toBe(server.tenants[0]);
      for (const tenant of server.tenants) {
        const response = await fetch(`${server.url}/tenant`, {
          headers: { Authorization: `Bearer ${tenant.token}` },
        });
        expect(((await response.json()) as { id: string }).id).toBe(tenant.id);
      }
      expect((await server.stored(server.tenants[1]?.id)).name).toBe('Two');
      expect(server.logs.length).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('refuses to start with no tenant', async () => {
    await expect(startTestServer({ tenants: [] })).rejects.toThrow('at least one tenant');
  });
});

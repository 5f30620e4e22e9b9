import { describe, expect, it } from 'vitest';
import { startTestServer, testServerEngines } from '../../src/testing/index.js';

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

describe('testServerEngines', () => {
  it('starts on SQLite always, and on a fresh database of the PostgreSQL it is given', async () => {
    expect(testServerEngines().map(([name]) => name)).toEqual(['SQLite']);
    const asked: string[] = [];
    const engines = testServerEngines({
      createDatabase: async () => {
        asked.push('database');
        return 'postgres://127.0.0.1:1/none';
      },
    });
    expect(engines.map(([name]) => name)).toEqual(['SQLite', 'PostgreSQL']);
    const [, startSqlite] = engines[0] ?? [];
    const server = await startSqlite?.({ tenants: ['Engine'] });
    try {
      expect(server?.tenant.name).toBe('Engine');
      expect(server?.dbPath).toMatch(/\.db$/);
    } finally {
      await server?.close();
    }
    // The PostgreSQL one asks for a database of its own, then opens it (here: nothing listens).
    await expect(engines[1]?.[1]()).rejects.toThrow(/cannot open postgres:/);
    expect(asked).toEqual(['database']);
  });
});

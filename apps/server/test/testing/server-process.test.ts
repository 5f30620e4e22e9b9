import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../src/testing/index.js';

describe('startServerProcess', () => {
  it('runs tenant-server in a child process on the seeded database, and restarts it on the same data', async () => {
    const server = await startServerProcess({ tenants: ['Proc'] });
    try {
      const headers = { Authorization: `Bearer ${server.tenant.token}`, 'Content-Type': 'application/json' };
      expect(server.child.pid).not.toBe(process.pid);
      const post = await fetch(`${server.url}/tenant`, {
        method: 'POST',
        headers,
        body: '{"log_retention":5}',
      });
      expect(post.status).toBe(200);
      await server.kill('SIGKILL');
      expect(server.child.signalCode).toBe('SIGKILL');
      await server.restart();
      const body = (await (await fetch(`${server.url}/tenant`, { headers })).json()) as Record<
        string,
        unknown
      >;
      expect(body).toMatchObject({ name: 'Proc', log_retention: 5 });
    } finally {
      await server.close();
    }
  });
});

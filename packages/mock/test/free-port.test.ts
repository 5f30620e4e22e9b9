import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port.js';

describe('freePort', () => {
  it('gives a port on 127.0.0.1 that can be listened on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(1023);
    expect(port).toBeLessThan(65536);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

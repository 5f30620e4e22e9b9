// Every way for PostgreSQL to fail to start is an error saying what it said, never a wait without end.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinaries } from '../../src/testing/postgres-binaries.js';
import { initialiseCluster, startPostgres } from '../../src/testing/postgres-process.js';

const binaries = await postgresBinaries().catch((error: Error) => {
  if (process.env.CI) throw error;
  return undefined;
});
const parent = mkdtempSync(join(tmpdir(), 'tenant-pg-process-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe.runIf(binaries)('PostgreSQL started directly', () => {
  it('refuses to make a cluster where there is one already', async () => {
    if (!binaries) return;
    await initialiseCluster(parent, 'pw', binaries);
    await expect(initialiseCluster(parent, 'pw', binaries)).rejects.toThrow(/EEXIST|exists/);
  });

  it('names what postgres said when it cannot start: its port taken', async () => {
    if (!binaries) return;
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startPostgres(join(parent, 'data'), parent, port, binaries)).rejects.toThrow(
        /postgres exited before it was ready .*could not bind|Address already in use/s,
      );
    } finally {
      taken.close();
    }
  });

  it('starts on a free port, and its end is known', async () => {
    if (!binaries) return;
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as { port: number }).port;
    await new Promise((resolve) => free.close(resolve));
    const running = await startPostgres(join(parent, 'data'), parent, port, binaries);
    running.child.kill('SIGINT');
    await running.ended;
    expect(running.child.exitCode).toBe(0);
  });
});

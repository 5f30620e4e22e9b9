// PostgreSQL stopped hard (immediate shutdown) in the middle of a write loop over three replicas, then
// started again: during the outage every answer is a 503 with Retry-After or a connection error, never a
// 500; afterwards the same server processes serve again, and every acknowledged write is there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import {
  type ServerProcess,
  startServerProcess,
  startTestServer,
  type TestServer,
} from '../../src/testing/index.js';
import { postgresForFile } from '../support/postgres.js';

const server = await postgresForFile();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(server?.owned)('a PostgreSQL outage under load', () => {
  let database = '';
  let inProcess: TestServer;
  const processes: ServerProcess[] = [];
  beforeAll(async () => {
    database = (await server?.createDatabase()) ?? '';
    inProcess = await startTestServer({ database, tenants: ['A', 'B', 'C'] });
    for (let i = 0; i < 2; i++)
      processes.push(await startServerProcess({ database, seeded: inProcess.tenants }));
  });
  afterAll(async () => {
    await server?.restart();
    await Promise.all(processes.map((p) => p.close()));
    await inProcess?.close();
  });

  it('answers 503 or drops the connection while it is down, never 500, and recovers by itself', async () => {
    const urls = [inProcess.url, ...processes.map((p) => p.url)];
    const tenants = inProcess.tenants;
    const counts = { ok: 0, unavailable: 0, dropped: 0, other: 0 };
    const acknowledged = tenants.map(() => 0);
    const afterRestart = tenants.map(() => 0);
    let phase: 'before' | 'down' | 'after' = 'before';
    let running = true;
    const others: string[] = [];

    // One writer per tenant, each through its own replica: name = a counter that only grows.
    const writer = async (index: number) => {
      const tenant = tenants[index];
      if (!tenant) return;
      for (let i = 1; running; i++) {
        try {
          const answer = await fetch(`${urls[index]}/tenant`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: String(i) }),
            signal: AbortSignal.timeout(5000),
          });
          const body = await answer.text();
          if (answer.status === 200) {
            counts.ok++;
            acknowledged[index] = i;
            if (phase === 'after') afterRestart[index] = (afterRestart[index] ?? 0) + 1;
          } else if (
            answer.status === 503 &&
            answer.headers.get('retry-after') === '2' &&
            JSON.parse(body).errors[0].code === 'SERVICE_UNAVAILABLE'
          ) {
            counts.unavailable++;
            await sleep(20);
          } else {
            counts.other++;
            others.push(`${answer.status} ${body}`);
          }
        } catch {
          counts.dropped++;
          await sleep(20);
        }
      }
    };
    const writers = tenants.map((_, index) => writer(index));
    await sleep(400);
    const okBefore = counts.ok;
    phase = 'down';
    await server?.crash();
    const downAt = Date.now();
    await sleep(1000);
    // A read during the outage is a 503 too.
    const read = await fetch(`${urls[1]}/tenant`, {
      headers: { Authorization: `Bearer ${tenants[0]?.token}` },
    });
    expect(read.status).toBe(503);
    await server?.restart();
    const outageMs = Date.now() - downAt;
    phase = 'after';
    const upAt = Date.now();
    while (afterRestart.some((n) => n < 5) && Date.now() - upAt < 20_000) await sleep(50);
    const recoveredMs = Date.now() - upAt;
    running = false;
    await Promise.all(writers);

    expect(others).toEqual([]);
    expect(afterRestart.every((n) => n >= 5)).toBe(true);
    expect(counts.unavailable + counts.dropped).toBeGreaterThan(0);
    // Every acknowledged write is there (a write whose answer was lost to the crash may be there too).
    const check = await openStore(database);
    for (const [index, tenant] of tenants.entries()) {
      const name = Number((await check.readTenant(tenant.id))?.settings.name);
      expect(name).toBeGreaterThanOrEqual(acknowledged[index] ?? 0);
    }
    await check.close();
    // The in-process server logged the outage once, and its end once.
    const lines = inProcess.logs.filter((line) => line.includes('database'));
    expect(lines.filter((line) => line.includes('database unavailable'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('database available again'))).toHaveLength(1);
    console.log(
      `database outage: 3 replicas, ${okBefore} writes acknowledged before an immediate shutdown; ${outageMs} ms down: ` +
        `${counts.unavailable} × 503 with Retry-After, ${counts.dropped} connections dropped, 0 × 500; ` +
        `serving again ${recoveredMs} ms after the restart without restarting a server; ` +
        `${counts.ok} writes acknowledged in all, every one of them stored`,
    );
  });
});

// The server killed with SIGKILL at random points of a write loop: after each restart every
// acknowledged write is there, no update is half applied, and SQLite's integrity check passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDriver } from '../../src/storage/sqlite-store.js';
import { type ServerProcess, startServerProcess } from '../../src/testing/index.js';

const KILLS = 20;
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess({ tenants: ['Crash'] });
});
afterAll(() => server.close());

/** One update touches three fields with the same counter: any mix of counters is a half-applied write. */
const update = (n: number) => ({ name: `write ${n}`, recording_retention: n, log_retention: n });

describe('crash durability', () => {
  it(`keeps every acknowledged write across ${KILLS} SIGKILLs during a write loop`, async () => {
    const headers = { Authorization: `Bearer ${server.tenant.token}`, 'Content-Type': 'application/json' };
    let counter = 0;
    let acknowledged = 0;
    let writes = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      if (kill > 0) await server.restart();
      const url = `${server.url}/tenant`;

      // After a restart: the last acknowledged write, or the one in flight when the kill came.
      const seen = (await (await fetch(url, { headers })).json()) as Record<string, unknown>;
      const n = Number(seen.recording_retention);
      if (acknowledged > 0) {
        expect(n === acknowledged || n === acknowledged + 1, `saw ${n}, acknowledged ${acknowledged}`).toBe(
          true,
        );
        expect(seen).toMatchObject(update(n));
      }
      counter = Math.max(counter, n);

      // Kill after a random number of acknowledged writes, a random moment later: mostly mid-write.
      const killAfter = 1 + Math.floor(Math.random() * 4);
      let reached: () => void = () => undefined;
      const enoughWrites = new Promise<void>((resolve) => {
        reached = resolve;
      });
      let inThisRun = 0;
      const loop = (async () => {
        for (;;) {
          const next = counter + 1;
          try {
            const response = await fetch(url, {
              method: 'POST',
              headers,
              body: JSON.stringify(update(next)),
            });
            if (response.status !== 200) throw new Error(`status ${response.status}`);
            counter = next;
            acknowledged = next;
            writes++;
            if (++inThisRun === killAfter) reached();
          } catch {
            reached();
            return; // the kill came
          }
        }
      })();
      await enoughWrites;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      await Promise.all([loop, server.kill('SIGKILL')]);
    }
    const check = openSqlDriver(server.dbPath);
    expect(check.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check).toBe('ok');
    check.close();
    console.log(
      `crash durability: ${KILLS} SIGKILLs during ${writes} acknowledged writes; none lost, none half applied, integrity_check ok`,
    );
  });
});

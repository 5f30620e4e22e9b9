// The server killed with SIGKILL at random points of a write loop: after each restart every
// acknowledged write is there, no update is half applied, and SQLite's integrity check passes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tenantctl/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { createTenant, createToken } from '../../src/admin.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';

const KILLS = 20;
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tenant-crash-'));
const db = join(dir, 'tenants.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Tenant API on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
  return child;
}

/** One update touches three fields with the same counter: any mix of counters is a half-applied write. */
const update = (n: number) => ({ name: `write ${n}`, recording_retention: n, log_retention: n });

describe('crash durability', () => {
  it(`keeps every acknowledged write across ${KILLS} SIGKILLs during a write loop`, async () => {
    const seed = openSqliteStore({ path: db });
    const token = createToken(seed, createTenant(seed, 'Crash').id).token;
    seed.close();
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    let counter = 0;
    let acknowledged = 0;
    let writes = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const port = await freePort();
      const child = await startServer(port);
      const url = `http://127.0.0.1:${port}/api/tenant`;

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
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await Promise.all([loop, exited]);
    }
    const check = openSqliteStore({ path: db });
    expect(check.integrityCheck()).toBe('ok');
    check.close();
    console.log(
      `crash durability: ${KILLS} SIGKILLs during ${writes} acknowledged writes; none lost, none half applied, integrity_check ok`,
    );
  });
});

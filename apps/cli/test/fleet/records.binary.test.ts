// Tier 3: a fleet run's record survives what real use does to it, with the built binary against the
// real reference server behind a proxy that can hold every POST (a writer kept mid-run, no timing
// guessed): a crash that leaves the journal's last line torn, and two processes on one run.
import { readFileSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signInSystemUser, startTestProxy, type TestProxy } from '@tenantctl/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useReferenceServer } from '../support/reference-server.js';
import { configWithProfile, runCli, startCli } from '../support/run-cli.js';

const shops = Array.from({ length: 30 }, (_, i) => `shop-${String(i + 1).padStart(2, '0')}`);
const context = useReferenceServer({ tenants: shops });
let proxy: TestProxy;
let folder: string;
let env: Record<string, string>;

beforeAll(async () => {
  proxy = await startTestProxy({ target: context.server.url });
  const admin = await signInSystemUser(context.server, 'SystemAdmin', 'root');
  ({ folder, env } = configWithProfile('records-', proxy.url, admin.token));
});
afterEach(() => proxy.releasePosts());
afterAll(() => proxy?.close());

const journalOf = (output: string) => /journal (\S+\.jsonl)/.exec(output)?.[1] ?? '';
const runOf = (output: string) => /Run (\S+):/.exec(output)?.[1] ?? '';

/** A fleet file setting `field` to `value` on every shop. */
function fleetSetting(field: string, value: number): string {
  const file = join(folder, `${field}.yaml`);
  writeFileSync(file, `tenants:\n  - match: { name: "shop-*" }\n    set: { ${field}: ${value} }\n`);
  return file;
}

/** Each shop's stored value of `field`. */
const storedValues = async (field: string) =>
  Promise.all(context.server.tenants.map(async ({ id }) => (await context.server.stored(id))?.[field]));

/** Every POST the server received per tenant id, since `from` in its request log. */
function postsPerTenant(from: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of context.server.requests.slice(from)) {
    const id = /^POST \/api\/tenants\/([^/]+)$/.exec(request)?.[1];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

interface RunRow {
  run: string;
  applied: number;
  skipped: number;
  tenants: number;
  finished: boolean;
}
const historyOf = async (run: string) => {
  const history = await runCli(['fleet', 'history', '-o', 'json'], { env });
  return (JSON.parse(history.stdout) as RunRow[]).find((row) => row.run === run);
};

describe('a crash that tears the last line of the journal', () => {
  it('is repaired before the resumed run appends: history counts every tenant and undo restores them all', async () => {
    const before = await storedValues('call_report_retention');
    expect(before.every((value) => typeof value === 'number' && value !== 44)).toBe(true);
    proxy.holdPosts();
    const first = startCli(
      ['fleet', 'apply', '-f', fleetSetting('call_report_retention', 44), '--yes', '--concurrency', '4'],
      { env },
    );
    // Twelve go through, four at a time; four more are in flight (sent, unanswered) when it dies.
    for (let round = 0; round < 3; round++) {
      await proxy.whenHeld(4);
      await proxy.releasePosts(4);
    }
    await proxy.whenHeld(4);
    first.kill('SIGKILL');
    const killed = await first.done;
    const run = runOf(killed.stderr);
    const journal = journalOf(killed.stderr);
    await appendFile(journal, '{"type":"applied","pbx":"default","id":"'); // the disk filled mid-line
    await proxy.releasePosts(); // what was in flight reaches the server after all

    const resumed = await runCli(['fleet', 'apply', '--resume', run, '-o', 'json'], { env });
    expect(resumed.code).toBe(0);
    expect(await storedValues('call_report_retention')).toEqual(shops.map(() => 44));
    expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true);
    expect(await historyOf(run)).toMatchObject({ applied: 30, tenants: 30, skipped: 0, finished: true });

    const undone = await runCli(['fleet', 'undo', run, '--yes', '-o', 'json'], { env });
    expect(undone.stderr).not.toContain('cannot be restored');
    expect(undone.code).toBe(0);
    expect(await storedValues('call_report_retention')).toEqual(before);
  });
});

describe('two processes on one run', () => {
  it('refuses a second --resume and an undo while one process holds the run; nothing is reported falsely', async () => {
    const from = context.server.requests.length;
    proxy.holdPosts();
    const first = startCli(
      ['fleet', 'apply', '-f', fleetSetting('log_retention', 33), '--yes', '--concurrency', '2'],
      { env },
    );
    await proxy.whenHeld(2);
    first.kill('SIGKILL'); // killed: its lock is left behind, stale
    const run = runOf((await first.done).stderr);
    await proxy.releasePosts(2); // its two updates in flight reach the server; holding goes on

    const holder = startCli(['fleet', 'apply', '--resume', run, '--concurrency', '2'], { env });
    await proxy.whenHeld(2); // the resumed run is mid-way: its first two updates wait at the proxy
    const second = await runCli(['fleet', 'apply', '--resume', run], { env });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`^tenantctl: run ${run} is being applied by pid \\d+ since \\d{4}-\\d\\d-\\d\\dT`),
    );
    const undo = await runCli(['fleet', 'undo', run, '--yes'], { env });
    expect(undo.code).toBe(1);
    expect(undo.stderr).toContain(`run ${run} is being applied by pid`);

    await proxy.releasePosts();
    const finished = await holder.done;
    expect(finished.code).toBe(0);
    expect(await historyOf(run)).toMatchObject({ applied: 30, skipped: 0, finished: true });
    const posts = postsPerTenant(from);
    expect(posts.size).toBe(30);
    expect([...posts.values()].every((count) => count === 1)).toBe(true); // none updated twice
    expect(await storedValues('log_retention')).toEqual(shops.map(() => 33));

    // Undoing it: one process at a time as well.
    proxy.holdPosts();
    const undoing = startCli(['fleet', 'undo', run, '--yes'], { env });
    await proxy.whenHeld(4);
    const again = await runCli(['fleet', 'undo', run, '--yes'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`run ${run} is being undone by pid`);
    await proxy.releasePosts();
    expect((await undoing.done).code).toBe(0);
  });
});

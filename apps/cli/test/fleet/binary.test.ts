// Tier 3: fleet runs with the built binary against the real reference server behind a proxy that
// delays each request (a PBX far away): killed with SIGKILL half-way and resumed, no tenant updated
// twice (the server's POSTs counted); interrupted with Ctrl-C at a real pseudo-terminal (exit 130,
// the journal written, resumable); and `fleet plan` against Prism serving the spec.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signInSystemUser, startTestProxy, type TestProxy } from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePrism } from '../support/prism.js';
import { useReferenceServer } from '../support/reference-server.js';
import { configWithProfile, runCli, startCli } from '../support/run-cli.js';

const shops = Array.from({ length: 60 }, (_, i) => `shop-${String(i + 1).padStart(2, '0')}`);
const context = useReferenceServer({ tenants: shops });
let proxy: TestProxy;
let folder: string;
let env: Record<string, string>;
const fleetFile = () => join(folder, 'fleet.yaml');

const hasScript = spawnSync('script', ['--version']).status === 0;
const describeWithPty = hasScript || process.env.CI ? describe : describe.skip;
if (!hasScript && !process.env.CI)
  console.warn('skipping the Ctrl-C test: util-linux `script` is not installed');

beforeAll(async () => {
  proxy = await startTestProxy({ target: context.server.url, delayMs: 40 });
  const admin = await signInSystemUser(context.server, 'SystemAdmin', 'root');
  ({ folder, env } = configWithProfile('fleet-', proxy.url, admin.token));
});
afterAll(() => proxy?.close());

/** Every POST the server received per tenant id. */
const postsPerTenant = () => {
  const counts = new Map<string, number>();
  for (const request of context.server.requests) {
    const id = /^POST \/api\/tenants\/([^/]+)$/.exec(request)?.[1];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

const journalOf = (output: string) => /journal (\S+\.jsonl)/.exec(output)?.[1] ?? '';
const runOf = (output: string) => /Run (\S+):/.exec(output)?.[1] ?? '';

describe('a fleet run killed half-way', () => {
  it('is finished by --resume without updating any tenant twice', async () => {
    writeFileSync(fleetFile(), 'tenants:\n  - match: { name: "shop-*" }\n    set: { log_retention: 77 }\n');
    context.server.requests.length = 0;
    const first = startCli(['fleet', 'apply', '-f', fleetFile(), '--yes', '--concurrency', '3'], { env });
    // Killed once a dozen tenants are done: others are in flight then, sent but not yet answered.
    await first.waitFor('applied  shop-12 ');
    first.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.code).toBeNull();
    const run = runOf(killed.stderr);
    const journal = readFileSync(journalOf(killed.stderr), 'utf8');
    expect(journal).not.toContain('"type":"end"');
    const sentBefore = postsPerTenant();
    expect(sentBefore.size).toBeGreaterThanOrEqual(12);
    expect(sentBefore.size).toBeLessThan(60);

    const resumed = await runCli(['fleet', 'apply', '--resume', run, '-o', 'json'], { env });
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as { tenants: { outcome: string }[] };
    expect(report.tenants.every((tenant) => tenant.outcome === 'applied')).toBe(true);
    const counts = postsPerTenant();
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((count) => count === 1)).toBe(true); // none updated twice
    for (const { id } of context.server.tenants)
      expect(await context.server.stored(id)).toMatchObject({ log_retention: 77 });
    const history = await runCli(['fleet', 'history'], { env });
    expect(history.stdout).toContain(`${run}  `);
  });
});

describeWithPty('a fleet run interrupted with Ctrl-C at a terminal', () => {
  /** The argv run inside a pseudo-terminal: `script` runs one shell command, so each part is quoted. */
  const inPty = (argv: string[]) => [
    'script',
    '--quiet',
    '--return',
    '--command',
    argv.map((part) => `'${part.replaceAll("'", `'\\''`)}'`).join(' '),
    '/dev/null',
  ];

  it('stops sending, waits for what is in flight, writes the journal and exits 130; --resume finishes it', async () => {
    writeFileSync(
      fleetFile(),
      'tenants:\n  - match: { name: "shop-*" }\n    set: { temp_file_retention: 9 }\n',
    );
    const planFile = join(folder, 'plan.json');
    expect((await runCli(['fleet', 'plan', '-f', fleetFile(), '--out', planFile], { env })).code).toBe(5);
    const apply = startCli(['fleet', 'apply', '--plan', planFile, '--concurrency', '1'], {
      env: { ...env, TERM: 'dumb' },
      wrap: inPty,
    });
    await apply.waitFor('done, 0 failed or skipped'); // the progress line, redrawn in place
    await apply.waitFor('5/60 done');
    apply.write('\u0003'); // Ctrl-C, as the terminal sends it
    const result = await apply.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('Stopping: no new update is sent; waiting for those in flight');
    const run = runOf(result.stdout);
    expect(result.stdout).toContain(`Interrupted: finish it with tenantctl fleet apply --resume ${run}`);
    const journal = readFileSync(journalOf(result.stdout), 'utf8');
    expect(journal).toContain('"type":"end"');
    expect(journal).toContain('"interrupted":true');
    const resumed = await runCli(['fleet', 'apply', '--resume', run, '-o', 'json'], { env });
    expect(resumed.code).toBe(0);
    for (const { id } of context.server.tenants) {
      expect(await context.server.stored(id)).toMatchObject({ temp_file_retention: 9 });
    }
  });
});

describe('fleet plan against Prism', () => {
  const prism = usePrism();

  it('plans from the tenants the mock makes up from the spec', async () => {
    const file = join(folder, 'prism-fleet.yaml');
    writeFileSync(file, 'tenants:\n  - match: { name: "*" }\n    set: { max_extensions: 5 }\n');
    const result = await runCli(['fleet', 'plan', '-f', file, '-o', 'json'], {
      env: {
        TENANTCTL_URL: prism.url,
        TENANTCTL_TOKEN: 'any-token',
        TENANTCTL_CONFIG: join(folder, 'none.json'),
      },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(5);
    const plan = JSON.parse(result.stdout) as {
      matched: number;
      tenants: { changes: { field: string; to: unknown }[] }[];
    };
    expect(plan.matched).toBeGreaterThan(0);
    expect(plan.tenants[0]?.changes).toEqual([expect.objectContaining({ field: 'max_extensions', to: 5 })]);
  });
});

// Tier 2: `fleet plan|apply|history|undo` in-process against the real reference server, on SQLite and
// on PostgreSQL, as a SystemAdmin: 120 tenants of which 100 match; a saved plan applied after one
// tenant changed and one was deleted; undo; two PBXs in one file; a PBX answering 429 to every tenth
// request; a run finished from its journal without sending anything twice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  signInSystemUser,
  startTestPostgres,
  startTestProxy,
  startTestServer,
  type TestPostgres,
  type TestServer,
} from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, history, plan, undo } from '../../src/commands/fleet.js';
import { openJournal, SECRET } from '../../src/fleet/journal.js';
import { harness, scratch } from '../support/harness.js';

let postgres: TestPostgres | undefined;
try {
  postgres = await startTestPostgres();
} catch (error) {
  if (process.env.CI) throw error;
  console.warn(
    `fleet on PostgreSQL skipped: PostgreSQL did not start here (${(error as Error).message.split('\n')[0]})`,
  );
}
afterAll(() => postgres?.stop());

const shops = Array.from({ length: 100 }, (_, i) => `shop-${String(i + 1).padStart(3, '0')}`);
const others = Array.from({ length: 20 }, (_, i) => `office-${String(i + 1).padStart(2, '0')}`);
let n = 0;
const file = (text: string) => {
  const path = join(scratch, `fleet-${++n}.yaml`);
  writeFileSync(path, text);
  return path;
};

const engines: [string, () => Promise<string | undefined>][] = [
  ['SQLite', async () => undefined],
  ...(postgres
    ? [['PostgreSQL', () => (postgres as TestPostgres).createDatabase()] as [string, () => Promise<string>]]
    : []),
];

describe.each(engines)('fleet on %s', (_engine, database) => {
  let eu: TestServer;
  let us: TestServer;
  let config: string;
  const env = () => ({ TENANTCTL_CONFIG: config, TENANTCTL_PROFILE: 'eu' });
  const h = (extra: { answers?: string[] } = {}) => harness({ env: env(), ...extra });
  const idOf = (server: TestServer, name: string) => server.tenants.find((t) => t.name === name)?.id ?? '';
  const posts = (server: TestServer) =>
    server.requests.filter((r) => r.startsWith('POST /api/tenants/')).length;

  beforeAll(async () => {
    const [euDb, usDb] = [await database(), await database()];
    eu = await startTestServer({ tenants: [...shops, ...others], ...(euDb ? { database: euDb } : {}) });
    us = await startTestServer({
      tenants: ['shop-nyc', 'shop-sf', 'office-nyc'],
      ...(usDb ? { database: usDb } : {}),
    });
    const euAdmin = await signInSystemUser(eu, 'SystemAdmin', 'root');
    const usAdmin = await signInSystemUser(us, 'SystemAdmin', 'root');
    // A folder of its own: the runs' journals live beside the config.
    config = join(mkdtempSync(join(scratch, 'fleet-')), 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        profiles: { eu: { url: eu.url, token: euAdmin.token }, us: { url: us.url, token: usAdmin.token } },
      }),
      { mode: 0o600 },
    );
    // 20 shops already record audio for 30 days: they match, but nothing would change.
    for (const name of shops.slice(0, 20)) {
      await eu.store.mergeSettings(idOf(eu, name), { enable_audio_recording: true, recording_retention: 30 });
    }
  });
  afterAll(async () => {
    await eu?.close();
    await us?.close();
  });

  const baseline = () =>
    file(`tenants:
  - match: { name: "shop-*" }
    set: { enable_audio_recording: true, recording_retention: 30 }
  - match: { name: "shop-05?" }
    set: { timezone: Europe/Berlin }
`);

  it('plans 120 tenants of which 100 match: what would change per tenant, and the totals (exit 1)', async () => {
    const run = h();
    eu.requests.length = 0;
    expect(await plan({ file: baseline(), output: 'table' }, run.deps)).toBe(5);
    expect(run.stdout).toContain(
      `tenant "shop-021" (${idOf(eu, 'shop-021')})\n  ~ enable_audio_recording  no → yes\n  ~ recording_retention     180 → 30\n`,
    );
    expect(run.stdout).toContain(
      `tenant "shop-051" (${idOf(eu, 'shop-051')})\n  ~ enable_audio_recording  no → yes\n  ~ recording_retention     180 → 30\n  ~ timezone                — → Europe/Berlin\n`,
    );
    expect(run.stdout).not.toContain('office-');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      '80 of 100 tenant(s) would change, 20 already match',
    );
    expect(posts(eu)).toBe(0); // a plan sends nothing
    // Every page and every matching tenant read: 2 pages of the list, 100 reads by id.
    expect(eu.requests.filter((r) => r.startsWith('GET /api/tenants/'))).toHaveLength(100);
  });

  it('refuses a rule that matches no tenant, and a field the by-id update does not take (exit 2), sending nothing', async () => {
    const none = file('tenants:\n  - match: { name: "kiosk-*" }\n    set: { enabled: false }\n');
    await expect(plan({ file: none, output: 'table' }, h().deps)).rejects.toMatchObject({
      exitCode: 2,
      message: `${none}: rule 1 (name "kiosk-*") matches no tenant`,
    });
    const bad = file('tenants:\n  - match: { name: "shop-*" }\n    set: { name: x }\n');
    await expect(apply({ file: bad, output: 'table', yes: true }, h().deps)).rejects.toMatchObject({
      exitCode: 2,
    });
  });

  it("never lets a tenant named with another's id stand in for it: a list item both is refused; id: and name: say which", async () => {
    const nyc = idOf(us, 'shop-nyc');
    const decoy = await us.store.createTenant({ name: nyc });
    try {
      const profile = { ...env(), TENANTCTL_PROFILE: 'us' };
      const listed = file(`tenants:\n  - match: [${nyc}]\n    set: { log_retention: 11 }\n`);
      await expect(
        plan({ file: listed, output: 'table' }, harness({ env: profile }).deps),
      ).rejects.toMatchObject({
        exitCode: 2,
        message: `${listed}: rule 1 (a list of 1): "${nyc}" is the id of tenant "shop-nyc" (${nyc}) and the name of "${nyc}" (${decoy.id}) on PBX "default": write id:${nyc} or name:${nyc} in the list`,
      });
      const planned = async (item: string) => {
        const run = harness({ env: profile });
        await plan(
          {
            file: file(`tenants:\n  - match: ["${item}"]\n    set: { log_retention: 11 }\n`),
            output: 'json',
          },
          run.deps,
        );
        return (JSON.parse(run.stdout) as { tenants: { id: string }[] }).tenants.map((t) => t.id);
      };
      expect(await planned(`id:${nyc}`)).toEqual([nyc]);
      expect(await planned(`name:${nyc}`)).toEqual([decoy.id]);
    } finally {
      await us.store.destroyTenant(decoy.id);
    }
  });

  it('applies a saved plan exactly: a tenant changed since is reported and kept, one deleted is reported (exit 1)', async () => {
    const planFile = join(scratch, `plan-${n++}.json`);
    await plan({ file: baseline(), output: 'json', out: planFile }, h().deps);
    const changed = idOf(eu, 'shop-030');
    await eu.store.mergeSettings(changed, { recording_retention: 7 });
    const deleted = idOf(eu, 'shop-040');
    await eu.store.destroyTenant(deleted);
    eu.requests.length = 0;
    const run = h();
    expect(await apply({ plan: planFile, output: 'json' }, run.deps)).toBe(1);
    const report = JSON.parse(run.stdout) as {
      run: string;
      tenants: { id: string; outcome: string; reason?: string }[];
    };
    expect(report.tenants.filter((t) => t.outcome === 'applied')).toHaveLength(78);
    expect(report.tenants.find((t) => t.id === changed)).toMatchObject({
      outcome: 'skipped',
      reason: 'changed since planned: run plan again',
    });
    expect(report.tenants.find((t) => t.id === deleted)).toMatchObject({
      outcome: 'skipped',
      reason: 'deleted since planned',
    });
    expect(await eu.stored(changed)).toMatchObject({ recording_retention: 7 }); // not overwritten
    expect(await eu.stored(idOf(eu, 'shop-099'))).toMatchObject({
      enable_audio_recording: true,
      recording_retention: 30,
    });
    expect(posts(eu)).toBe(80); // every tenant of the plan once, none twice
    expect(run.stderr).toContain('78 applied, 2 skipped, 0 failed (of 80)');

    // Undo puts the values back, where nobody changed them since.
    await eu.store.mergeSettings(idOf(eu, 'shop-090'), { recording_retention: 60 });
    const undone = h();
    expect(await undo({ run: report.run, output: 'json', yes: true }, undone.deps)).toBe(1);
    const undoReport = JSON.parse(undone.stdout) as {
      tenants: { id: string; outcome: string; reason?: string }[];
    };
    expect(undoReport.tenants.find((t) => t.id === idOf(eu, 'shop-090'))).toMatchObject({
      outcome: 'skipped',
    });
    expect(await eu.stored(idOf(eu, 'shop-091'))).toMatchObject({
      enable_audio_recording: false,
      recording_retention: 180,
    });
    expect(await eu.stored(idOf(eu, 'shop-090'))).toMatchObject({ recording_retention: 60 });
    // shop-050's time zone was blank: an update cannot blank it again, and undo says so.
    expect(undone.stderr).toContain(
      `tenant "shop-050" (${idOf(eu, 'shop-050')}): timezone cannot be restored: it was blank`,
    );

    const runs = h();
    await history({ output: 'json' }, runs.deps);
    const listed = JSON.parse(runs.stdout) as { run: string; kind: string; undoes?: string }[];
    expect(listed.at(-2)).toMatchObject({ run: report.run, kind: 'apply' });
    expect(listed.at(-1)).toMatchObject({ kind: 'undo', undoes: report.run });
  });

  it('applies over two PBXs (two servers, two profiles) in one file', async () => {
    const twoPbx = file(`pbx:
  - profile: eu
  - profile: us
tenants:
  - match: { name: "shop-*" }
    set: { log_retention: 99 }
`);
    const run = h();
    expect(await apply({ file: twoPbx, output: 'json', yes: true }, run.deps)).toBe(0);
    const report = JSON.parse(run.stdout) as { tenants: { pbx: string; outcome: string }[] };
    expect(report.tenants.filter((t) => t.pbx === 'us')).toHaveLength(2);
    expect(report.tenants.every((t) => t.outcome === 'applied')).toBe(true);
    expect(await us.stored(idOf(us, 'shop-sf'))).toMatchObject({ log_retention: 99 });
    expect(await us.stored(idOf(us, 'office-nyc'))).toMatchObject({ log_retention: 180 });
  });

  it('asks before applying a fleet file on a terminal, and needs --yes without one', async () => {
    const fleet = file('tenants:\n  - match: { name: "office-0*" }\n    set: { log_retention: 21 }\n');
    const declined = h({ answers: ['n'] });
    expect(await apply({ file: fleet, output: 'table' }, declined.deps)).toBe(0);
    expect(declined.stderr).toContain('Apply these changes to 9 tenant(s)? [y/N] ');
    expect(await eu.stored(idOf(eu, 'office-01'))).toMatchObject({ log_retention: 180 });
    await expect(apply({ file: fleet, output: 'table' }, h().deps)).rejects.toMatchObject({ exitCode: 2 });
  });

  it('slows a PBX that answers 429 down and honours Retry-After: every tenant applied', async () => {
    const proxy = await startTestProxy({ target: eu.url, throttleEveryPost: 10, retryAfterSeconds: 1 });
    try {
      const proxied = join(scratch, `fleet-config-${n++}.json`);
      const token = (
        JSON.parse((await import('node:fs')).readFileSync(config, 'utf8')) as {
          profiles: { eu: { token: string } };
        }
      ).profiles.eu.token;
      writeFileSync(proxied, JSON.stringify({ profiles: { eu: { url: proxy.url, token } } }), {
        mode: 0o600,
      });
      const fleet = file('tenants:\n  - match: { name: "shop-*" }\n    set: { temp_file_retention: 12 }\n');
      const run = harness({ env: { TENANTCTL_CONFIG: proxied, TENANTCTL_PROFILE: 'eu' } });
      expect(await apply({ file: fleet, output: 'json', yes: true, concurrency: '8' }, run.deps)).toBe(0);
      const report = JSON.parse(run.stdout) as { tenants: { outcome: string }[] };
      expect(report.tenants.filter((t) => t.outcome === 'applied')).toHaveLength(99); // shop-040 was deleted
      const throttled = proxy.log.filter((entry) => entry.status === 429);
      expect(throttled.length).toBeGreaterThanOrEqual(9);
      for (const refusal of throttled) {
        const retry = proxy.log.find((entry) => entry.path === refusal.path && entry.at > refusal.at);
        expect(retry, refusal.path).toBeDefined();
        expect((retry?.at ?? 0) - refusal.at).toBeGreaterThanOrEqual(950); // Retry-After: 1
      }
    } finally {
      await proxy.close();
    }
  });

  it('finishes an interrupted run from its journal without sending anything twice', async () => {
    // A run interrupted as a kill would leave it: one tenant applied, one sent whose answer was lost
    // (it landed), one sent that did not land, one never sent.
    const ids = ['office-11', 'office-12', 'office-13', 'office-14'].map((name) => idOf(eu, name));
    const etags: string[] = [];
    for (const id of ids) {
      const answer = await fetch(`${eu.url}/tenant`, {
        headers: { Authorization: `Bearer ${eu.tenants.find((t) => t.id === id)?.token}` },
      });
      etags.push(answer.headers.get('etag') ?? '');
    }
    const journal = openJournal(config, 'interrupted-run');
    journal.write({
      type: 'run',
      run: 'interrupted-run',
      kind: 'apply',
      startedAt: new Date().toISOString(),
      pbx: [{ name: 'eu', url: eu.url }],
    });
    for (const [i, id] of ids.entries()) {
      journal.write({
        type: 'tenant',
        pbx: 'eu',
        id,
        name: `office-1${i + 1}`,
        etag: etags[i],
        before: { log_retention: 180 },
        after: { log_retention: 45 },
      });
    }
    journal.write({ type: 'sending', pbx: 'eu', id: ids[0] ?? '', at: 'x' });
    await eu.store.mergeSettings(ids[0] ?? '', { log_retention: 45 });
    journal.write({ type: 'applied', pbx: 'eu', id: ids[0] ?? '', at: 'x' });
    journal.write({ type: 'sending', pbx: 'eu', id: ids[1] ?? '', at: 'x' });
    await eu.store.mergeSettings(ids[1] ?? '', { log_retention: 45 }); // landed, its answer lost
    journal.write({ type: 'sending', pbx: 'eu', id: ids[2] ?? '', at: 'x' }); // never arrived
    journal.close();
    eu.requests.length = 0;
    const run = h();
    expect(await apply({ resume: 'interrupted-run', output: 'json' }, run.deps)).toBe(0);
    const report = JSON.parse(run.stdout) as { tenants: { id: string; outcome: string }[] };
    expect(report.tenants.map((t) => t.id).sort()).toEqual(ids.slice(1).sort());
    expect(report.tenants.every((t) => t.outcome === 'applied')).toBe(true);
    expect(eu.requests.filter((r) => r.startsWith('POST')).sort()).toEqual(
      [`POST /api/tenants/${ids[2]}`, `POST /api/tenants/${ids[3]}`].sort(),
    );
    for (const id of ids) expect(await eu.stored(id)).toMatchObject({ log_retention: 45 });
    await expect(apply({ resume: 'interrupted-run', output: 'table' }, h().deps)).rejects.toMatchObject({
      exitCode: 2,
      message: 'run interrupted-run finished: nothing to resume',
    });
  });

  it("keeps a webhook's credentials out of the plan, the journal and the output, and needs the fleet file to send them", async () => {
    const hook = file(`tenants:
  - match: { name: "office-20" }
    set:
      cdr_event: { enabled: true, url: "https://hooks.example.test/cdr", auth: BASIC, username: pbxhook, password: s3cretpass }
`);
    const planFile = join(scratch, `plan-${n++}.json`);
    const planned = h();
    await plan({ file: hook, output: 'table', out: planFile }, planned.deps);
    expect(planned.stdout).toContain('~ cdr_event  (secret)');
    await expect(apply({ plan: planFile, output: 'table' }, h().deps)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/give the fleet file it was made from with -f FLEET/),
    });
    const run = h();
    expect(await apply({ plan: planFile, file: hook, output: 'json' }, run.deps)).toBe(0);
    expect(await eu.stored(idOf(eu, 'office-20'))).toMatchObject({ cdr_event: { password: 's3cretpass' } });
    const { readFileSync } = await import('node:fs');
    const journal = readFileSync((JSON.parse(run.stdout) as { journal: string }).journal, 'utf8');
    for (const text of [readFileSync(planFile, 'utf8'), journal, planned.stdout, run.stdout, run.stderr]) {
      expect(text).not.toContain('s3cretpass');
    }
    expect(journal).toContain(SECRET);
  });
});

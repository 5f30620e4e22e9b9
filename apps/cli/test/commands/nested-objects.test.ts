// Tier 2: one rule for nested objects through every layer, against the real reference server on SQLite
// and on PostgreSQL: what `diff` compares is what `apply` sends and what the store keeps. `apply` then
// `diff` is clean; a declarative file removes a nested key by leaving it out; `set FIELD.KEY=VALUE`
// keeps the keys it does not name. (Before: a day added to office_hours kept the other one on SQLite,
// so diff exited 1 forever; PostgreSQL reordered an object's keys, so diff saw a change that was not.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestPostgres, type TestServer, testServerEngines } from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as apply } from '../../src/commands/apply.js';
import { run as diff } from '../../src/commands/diff.js';
import { run as set } from '../../src/commands/set.js';
import { harness, scratch } from '../support/harness.js';

const postgres = await startTestPostgres().catch((error: unknown) => {
  if (process.env.CI) throw error;
  console.warn(`skipping the PostgreSQL half: PostgreSQL did not start here (${(error as Error).message})`);
  return undefined;
});
afterAll(() => postgres?.stop());

const engines = testServerEngines(postgres);

describe.each(engines)('nested objects on %s', (engine, start) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  const file = (name: string, text: string) => {
    const path = join(scratch, `${engine}-${name}`);
    writeFileSync(path, text);
    return path;
  };
  const cli = async (command: typeof apply | typeof diff, options: { file: string }) => {
    const h = harness({ env: { TENANTCTL_URL: server.url, TENANTCTL_TOKEN: server.tenant.token } });
    return { code: await command(options, h.deps), stdout: h.stdout, stderr: h.stderr };
  };
  const setting = async (assignments: string[]) => {
    const h = harness({ env: { TENANTCTL_URL: server.url, TENANTCTL_TOKEN: server.tenant.token } });
    return { code: await set({ assignments }, h.deps), stdout: h.stdout, stderr: h.stderr };
  };

  it('applies only tuesday after monday: monday is gone, and diff is clean', async () => {
    const monday = file('monday.yaml', 'office_hours:\n  monday: { enabled: true, ranges: [] }\n');
    expect((await cli(apply, { file: monday })).code).toBe(0);
    const tuesday = file(
      'tuesday.yaml',
      'office_hours:\n  tuesday: { enabled: true, ranges: [{ from: "09:00", to: "17:00" }] }\n',
    );
    expect(await cli(apply, { file: tuesday })).toMatchObject({ code: 0, stderr: 'Updated 1 field(s).\n' });
    expect((await server.stored()).office_hours).toEqual({
      tuesday: { enabled: true, ranges: [{ from: '09:00', to: '17:00' }] },
    });
    expect(await cli(diff, { file: tuesday })).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await cli(diff, { file: monday })).code).toBe(5);
  });

  it('finds no drift in an object whose keys the file and the server order differently', async () => {
    // PostgreSQL's jsonb keeps keys shortest first: "url" comes back before "enabled".
    const hook = file(
      'hook.yaml',
      'cdr_event:\n  enabled: false\n  url: https://hooks.example.com/cdr\n  auth: DISABLE\n',
    );
    expect((await cli(apply, { file: hook })).code).toBe(0);
    expect(await cli(diff, { file: hook })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('sets one key inside an object and keeps its siblings: set cdr_event.enabled=true', async () => {
    const result = await setting(['cdr_event.enabled=true']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Updated 1 field(s).\n');
    expect((await server.stored()).cdr_event).toEqual({
      enabled: true,
      url: 'https://hooks.example.com/cdr',
      auth: 'DISABLE',
    });
    expect((await setting(['cdr_event.enabled=true'])).stderr).toBe(
      'No changes: the tenant already has these settings.\n',
    );
  });
});

// Tier 2: `get` run in-process against the real reference server (and once against Prism).
import { tenantFields } from '@tenantctl/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/commands/get.js';
import type { GetOptions } from '../../src/program.js';
import { harness } from '../support/harness.js';
import { usePrism } from '../support/prism.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();
const SECRET = '-----BEGIN PRIVATE KEY-----\nCANARY-KEY-7731\n-----END PRIVATE KEY-----\n';

beforeAll(async () => {
  await context.server.store.mergeSettings(context.server.tenant.id, {
    stir_shaken_key: SECRET,
    timezone: 'Europe/Berlin',
    extension_im_disk_quota: '',
  });
});

async function get(options: Partial<GetOptions> = {}, env = context.env) {
  const h = harness({ env });
  const code = await run({ output: 'table', ...options }, h.deps);
  return { code, stdout: h.stdout, stderr: h.stderr };
}

describe('get', () => {
  it('prints a grouped, aligned table for people, the private key redacted', async () => {
    const { code, stdout, stderr } = await get();
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^General\n {2}id {2,}\S+/);
    const groups = stdout.split('\n').filter((line) => line !== '' && !line.startsWith(' '));
    // The spec's sections (x-group) in its order, each with a field GET /tenant returns.
    expect(groups).toEqual([
      ...new Set(
        tenantFields()
          .filter((f) => f.readable)
          .map((f) => f.group),
      ),
    ]);
    expect(groups.slice(0, 2)).toEqual(['General', 'Recording']);
    expect(stdout).toMatch(/\n {2}enable_feature_trunks {2,}yes\n/);
    expect(stdout).toMatch(/\n {2}enable_billing {2,}no\n/);
    expect(stdout).toMatch(/\n {2}extension_im_disk_quota {2,}unlimited\n/);
    expect(stdout).toMatch(/\n {2}stir_shaken_key {2,}<redacted>\n/);
    expect(stdout).toMatch(/\n {2}domain {2,}—\n/);
    expect(stdout).not.toContain('CANARY-KEY-7731');
    expect(stdout).not.toContain('\u001b[');
    const widths = new Set(
      stdout
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .map((l) => /^ {2}\S+ +/.exec(l)?.[0].length),
    );
    expect(widths.size).toBe(1);
  });

  it('colors group names and blanks only when asked', async () => {
    const h = harness({ env: context.env, color: true });
    await run({ output: 'table' }, h.deps);
    expect(h.stdout).toContain('\u001b[1mGeneral\u001b[22m');
    expect(h.stdout).toContain('\u001b[2m—\u001b[22m');
  });

  it('shows the key with --show-secrets', async () => {
    expect((await get({ showSecrets: true })).stdout).toMatch(
      /\n {2}stir_shaken_key {2,}-----BEGIN PRIVATE KEY----- … \(3 lines\)\n/,
    );
  });

  it('prints JSON and YAML for scripts, equal to what the server holds', async () => {
    const stored = await context.server.stored();
    expect(JSON.parse((await get({ output: 'json' })).stdout)).toEqual(stored);
    expect(parse((await get({ output: 'yaml' })).stdout)).toEqual(stored);
  });

  it('prints one field bare, several as an object', async () => {
    expect((await get({ field: ['timezone'] })).stdout).toBe('Europe/Berlin\n');
    expect((await get({ field: ['recording_retention'] })).stdout).toBe('180\n');
    expect((await get({ field: ['website'] })).stdout).toBe('\n');
    const two = await get({ field: ['timezone', 'recording_retention'], output: 'json' });
    expect(JSON.parse(two.stdout)).toEqual({ timezone: 'Europe/Berlin', recording_retention: 180 });
    const table = await get({ field: ['timezone', 'website'] });
    // A table keeps the spec's order, whatever the order asked for.
    expect(table.stdout).toBe('General\n  website   —\n  timezone  Europe/Berlin\n');
  });

  it('refuses an unknown field with a suggestion (exit 2), after asking the server', async () => {
    await expect(get({ field: ['time_zone'] })).rejects.toMatchObject({
      exitCode: 2,
      message: 'unknown field "time_zone" (did you mean "timezone"?)',
    });
    await expect(get({ field: ['colour'] })).rejects.toMatchObject({
      message: 'unknown field "colour"; run tenantctl explain for the list',
    });
  });

  describe('against the Prism mock', () => {
    const prism = usePrism();

    it("shows the spec's example tenant", async () => {
      const env = { TENANTCTL_URL: prism.url, TENANTCTL_TOKEN: 'any' };
      expect(JSON.parse((await get({ output: 'json' }, env)).stdout)).toMatchObject({
        name: 'Acme Corporation',
        stir_shaken_key: null,
      });
      const table = await get({}, env);
      expect(table.stdout).toMatch(/\n {2}disk_quota {2,}500 GB\n/);
      expect(table.stdout).toMatch(/\n {2}stir_shaken_key {2,}—\n/);
    });
  });
});

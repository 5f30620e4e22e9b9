import { type RunningPrism, startPrism } from '@tenantctl/mock';
import { type TestServer as ReferenceServer, startTestServer } from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../support/run-cli.js';

let server: ReferenceServer;
let prism: RunningPrism;
let env: Record<string, string>;
const SECRET = '-----BEGIN PRIVATE KEY-----\nCANARY-KEY-7731\n-----END PRIVATE KEY-----\n';

beforeAll(async () => {
  [server, prism] = await Promise.all([startTestServer({ tenants: ['E2E Tenant'] }), startPrism()]);
  env = { TENANTCTL_URL: server.url, TENANTCTL_TOKEN: server.tenant.token };
  await fetch(`${server.url}/tenant`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.tenant.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ stir_shaken_key: SECRET, timezone: 'Europe/Berlin', extension_im_disk_quota: '' }),
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([server?.close(), prism?.stop()]);
});

describe('tenantctl get', () => {
  it('prints a grouped, aligned table for people, the private key redacted', async () => {
    const { code, stdout, stderr } = await runCli(['get'], { env });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^General\n {2}id {2,}\S+/);
    for (const group of [
      'Recording',
      'Features',
      'Limits',
      'Storage',
      'Retention',
      'Contacts',
      'STIR/SHAKEN',
    ]) {
      expect(stdout).toContain(`\n${group}\n`);
    }
    expect(stdout).toMatch(/\n {2}enable_feature_trunks {2,}yes\n/);
    expect(stdout).toMatch(/\n {2}enable_billing {2,}no\n/);
    expect(stdout).toMatch(/\n {2}extension_im_disk_quota {2,}unlimited\n/);
    expect(stdout).toMatch(/\n {2}stir_shaken_key {2,}<redacted>\n/);
    expect(stdout).not.toContain('CANARY-KEY-7731');
    expect(stdout).not.toContain('\u001b['); // not a terminal: no colors
    const widths = new Set(
      stdout
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .map((l) => /^ {2}\S+ +/.exec(l)?.[0].length),
    );
    expect(widths.size).toBe(1);
  });

  it('shows the key with --show-secrets', async () => {
    const { stdout } = await runCli(['get', '--show-secrets'], { env });
    expect(stdout).toContain('-----BEGIN PRIVATE KEY----- … (3 lines)');
  });

  it('prints JSON and YAML for scripts, equal to what the server holds', async () => {
    const stored = await server.stored();
    const json = await runCli(['get', '-o', 'json'], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(stored);
    const yaml = await runCli(['get', '--output', 'yaml'], { env });
    expect(parse(yaml.stdout)).toEqual(stored);
  });

  it('prints one field bare, several as an object', async () => {
    expect((await runCli(['get', '--field', 'timezone'], { env })).stdout).toBe('Europe/Berlin\n');
    expect((await runCli(['get', '--field', 'website'], { env })).stdout).toBe('\n');
    const two = await runCli(['get', '--field', 'timezone', 'recording_retention', '-o', 'json'], { env });
    expect(JSON.parse(two.stdout)).toEqual({ timezone: 'Europe/Berlin', recording_retention: 180 });
  });

  it('refuses an unknown field with a suggestion (exit 2)', async () => {
    const { code, stderr, stdout } = await runCli(['get', '--field', 'time_zone'], { env });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown field "time_zone" (did you mean "timezone"?)');
  });

  it('refuses an unknown output format (exit 2)', async () => {
    const { code, stderr } = await runCli(['get', '-o', 'xml'], { env });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Allowed choices are table, json, yaml/);
  });

  it('works against the Prism mock too', async () => {
    const { code, stdout } = await runCli(['get', '-o', 'json'], {
      env: { TENANTCTL_URL: prism.url, TENANTCTL_TOKEN: 'any' },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ name: 'Acme Corporation', stir_shaken_key: null });
    const table = await runCli(['get'], { env: { TENANTCTL_URL: prism.url, TENANTCTL_TOKEN: 'any' } });
    expect(table.stdout).toMatch(/\n {2}disk_quota {2,}500 GB\n/);
    expect(table.stdout).toMatch(/\n {2}stir_shaken_key {2,}—\n/);
  });
});

describe('tenantctl explain', () => {
  it('describes a field from the spec', async () => {
    const { code, stdout } = await runCli(['explain', 'contact_update_interval']);
    expect(code).toBe(0);
    expect(stdout).toContain('The interval for synchronizing contacts from the server, in minutes.');
    expect(stdout).toMatch(/type +integer \(uint32\)/);
    expect(stdout).toMatch(/bounds +≥ 1, ≤ 43200/);
    expect(stdout).toMatch(/default +720/);
    expect(stdout).toMatch(/can be set +yes/);
  });

  it('lists every field with one line each', async () => {
    const { stdout } = await runCli(['explain']);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(43);
    expect(lines.find((l) => l.startsWith('max_extensions'))).toMatch(/read-only/);
  });

  it('shows enum values and read-only fields', async () => {
    expect((await runCli(['explain', 'contact_match_type'])).stdout).toMatch(
      /values +DISABLE, MATCH_EXACTLY, MATCH_LENGTH/,
    );
    expect((await runCli(['explain', 'max_extensions'])).stdout).toMatch(/can be set +no, read-only/);
    expect((await runCli(['explain', 'timezone'])).stdout).toMatch(/values +597 values \(TimeZone\)/);
  });

  it('refuses an unknown field (exit 2)', async () => {
    const { code, stderr } = await runCli(['explain', 'recording_retension']);
    expect(code).toBe(2);
    expect(stderr).toContain('did you mean "recording_retention"?');
  });

  it('works with a Prism mock as the configured server (it needs no server)', async () => {
    const { code } = await runCli(['explain', 'name'], { env: { TENANTCTL_URL: prism.url } });
    expect(code).toBe(0);
  });
});

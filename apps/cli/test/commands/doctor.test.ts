// Tier 2: `tenantctl doctor` in this process against the real reference server.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/doctor.js';
import { harness } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer({ tenants: ['Doctor Tenant'] });

describe('tenantctl doctor', () => {
  it('finds nothing wrong with the reference server and a valid token (exit 0)', async () => {
    const h = harness({ env: context.env });
    expect(await run({ output: 'table' }, h.deps)).toBe(0);
    expect(h.stdout).toMatch(
      /^tenantctl doctor \(tenantctl \d+\.\d+\.\d+, spec: PBX Tenant API \d+\.\d+\.\d+\)\n/,
    );
    for (const heading of ['Configuration', 'Reachability', 'Clock', 'Authentication', 'Contract']) {
      expect(h.stdout).toContain(`\n${heading}\n`);
    }
    expect(h.stdout).not.toMatch(/[⚠✘–]/);
    expect(h.stdout).toContain('✔ the token from TENANTCTL_TOKEN is accepted');
    expect(h.stdout).toMatch(/✔ GET \/tenant matches the spec: 50 fields/);
    expect(h.stdout.trimEnd().endsWith('No problem found.')).toBe(true);
    expect(h.stdout).not.toContain(context.server.tenant.token);
  });

  it('-o json gives the same findings as data', async () => {
    const h = harness({ env: context.env });
    expect(await run({ output: 'json' }, h.deps)).toBe(0);
    const report = JSON.parse(h.stdout);
    expect(report).toMatchObject({ ok: true, counts: { warn: 0, fail: 0, skip: 0 } });
    expect(report.findings.map((one: { check: string }) => one.check)).toEqual(
      expect.arrayContaining(['configuration', 'reachability', 'clock', 'authentication', 'contract']),
    );
  });

  it('exits 1 without a URL, checking nothing further', async () => {
    const h = harness({ env: { TENANTCTL_TOKEN: 'x' } });
    expect(await run({ output: 'table' }, h.deps)).toBe(1);
    expect(h.stdout).toContain('✘ no server URL\n    → pass --url, set TENANTCTL_URL');
    expect(h.stdout).toContain('– not checked: no usable URL');
  });

  it('reads the token as every command does: an unreadable token file is a ✘ naming it', async () => {
    const h = harness({ env: { TENANTCTL_URL: context.server.url } });
    expect(await run({ output: 'table', tokenFile: '/nonexistent/token' }, h.deps)).toBe(1);
    expect(h.stdout).toContain('✔ credential: a token from --token-file /nonexistent/token');
    expect(h.stdout).toMatch(/✘ .*the token file \/nonexistent\/token/);
  });
});

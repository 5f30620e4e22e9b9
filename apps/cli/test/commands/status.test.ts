// Tier 2: `status` against the real reference server: the tenant's use and the PBX's version.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/status.js';
import { harness } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();

describe('status', () => {
  it("shows the PBX's version and the tenant's use, one line each", async () => {
    const h = harness({ env: context.env });
    expect(await run({ output: 'table' }, h.deps)).toBe(0);
    const lines = h.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^version +tenantctl-reference \d+\.\d+\.\d+$/);
    expect(lines).toContain('calls_in_24_hours         0 period(s)');
    expect(lines.find((line) => line.startsWith('licensed_users'))).toMatch(/ 1000$/);
    expect(context.server.requests.at(-1)).toBe('GET /api/tenant/status');
  });

  it('gives the status as JSON or YAML for scripts', async () => {
    const json = harness({ env: context.env });
    await run({ output: 'json' }, json.deps);
    expect(JSON.parse(json.stdout)).toMatchObject({ current_calls: 0, licensed_users: 1000 });
    const yaml = harness({ env: context.env });
    await run({ output: 'yaml' }, yaml.deps);
    expect(yaml.stdout).toMatch(/^version: tenantctl-reference /);
  });
});

// A saved plan: written 0600 and read back; anything else is refused saying what it is not.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/fleet/plan.js';
import { readPlan, writePlan } from '../../src/fleet/plan-file.js';
import { scratch } from '../support/harness.js';

const plan: Plan = {
  format: 'tenantctl-fleet-plan/1',
  createdAt: '2026-12-07T04:00:00.000Z',
  fleet: { source: 'fleet.yaml', sha256: 'ab' },
  pbx: [{ name: 'default', url: 'http://127.0.0.1:1/api' }],
  matched: 1,
  tenants: [
    {
      pbx: 'default',
      id: 'T1',
      name: 'a',
      etag: '"1-x"',
      rules: [1],
      changes: [{ field: 'log_retention', from: 180, to: 7 }],
    },
  ],
};

describe('plan files', () => {
  it('are written whole, 0600, and read back as they were', async () => {
    const path = join(mkdtempSync(join(scratch, 'plan-')), 'plan.json');
    await writePlan(path, plan);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await readPlan(path)).toEqual(plan);
  });

  it('refuses a file that is missing, not JSON, or not a plan of this format', async () => {
    const folder = mkdtempSync(join(scratch, 'plan-'));
    await expect(readPlan(join(folder, 'missing.json'))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/no such file/),
    });
    writeFileSync(join(folder, 'text.json'), 'hello');
    await expect(readPlan(join(folder, 'text.json'))).rejects.toMatchObject({
      message: expect.stringMatching(/is not a fleet plan \(not JSON\)/),
    });
    writeFileSync(join(folder, 'other.json'), JSON.stringify({ ...plan, format: 'tenantctl-fleet-plan/2' }));
    await expect(readPlan(join(folder, 'other.json'))).rejects.toMatchObject({
      message: expect.stringMatching(/format tenantctl-fleet-plan\/1/),
    });
  });
});

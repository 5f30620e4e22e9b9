// What a plan and a run print: changes aligned, secrets as "(secret)", totals, progress, the table.
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/fleet/plan.js';
import {
  changeLines,
  createProgress,
  planTotals,
  renderPlan,
  renderResults,
  resultTotals,
} from '../../src/fleet/report.js';

const io = { color: pc.createColors(false) };
const plan: Plan = {
  format: 'tenantctl-fleet-plan/1',
  createdAt: 'x',
  fleet: { source: 'fleet.yaml', sha256: 'x' },
  pbx: [{ name: 'eu', url: 'http://eu/api' }],
  matched: 3,
  tenants: [
    {
      pbx: 'eu',
      id: 'T1',
      name: 'shop-berlin',
      etag: '"1-x"',
      rules: [1],
      changes: [
        { field: 'recording_retention', from: 180, to: 30 },
        { field: 'enable_audio_recording', from: false, to: true },
        { field: 'cdr_event', secret: true },
      ],
    },
  ],
};

describe('the plan', () => {
  it('shows each change, a secret only as changing, and the totals', () => {
    expect(renderPlan(plan, io)).toBe(
      [
        'tenant "shop-berlin" (T1)',
        '  ~ recording_retention     180 → 30',
        '  ~ enable_audio_recording  no → yes',
        '  ~ cdr_event               (secret)',
        '1 of 3 tenant(s) would change, 2 already match',
      ].join('\n'),
    );
    expect(renderPlan({ ...plan, pbx: [...plan.pbx, { name: 'us', url: 'u' }] }, io)).toMatch(
      /^tenant "shop-berlin" \(T1\) on eu\n/,
    );
    expect(planTotals({ ...plan, tenants: [] })).toBe('0 of 3 tenant(s) would change, 3 already match');
    expect(changeLines([{ field: 'timezone', from: null, to: 'Europe/Berlin' }], io)).toEqual([
      '  ~ timezone  — → Europe/Berlin',
    ]);
  });
});

describe('progress', () => {
  const result = (id: string, outcome: 'applied' | 'skipped', reason?: string) => ({
    pbx: 'eu',
    id,
    name: `n-${id}`,
    outcome,
    ...(reason ? { reason } : {}),
  });

  it('is a line per tenant where stderr is no terminal', () => {
    const lines: string[] = [];
    const progress = createProgress({ err: (text) => void lines.push(text) }, 2);
    progress.result(result('A', 'applied'));
    progress.result(result('B', 'skipped', 'deleted since planned'));
    progress.finish();
    expect(lines).toEqual(['applied  n-A (A) on eu', 'skipped  n-B (B) on eu: deleted since planned']);
  });

  it('is one line redrawn on a terminal: done, failed, left, rate and time left, then cleared', () => {
    const status: (string | undefined)[] = [];
    let clock = 0;
    const progress = createProgress(
      { err: () => undefined, status: (line) => void status.push(line) },
      4,
      () => clock,
    );
    clock = 2000;
    progress.result(result('A', 'applied'));
    progress.result(result('B', 'skipped'));
    progress.finish();
    expect(status[0]).toBe('[........................] 0/4 done, 0 failed or skipped, 4 left · 0.0/s');
    expect(status[2]).toBe(
      '[############............] 2/4 done, 1 failed or skipped, 2 left · 1.0/s ~2 s left',
    );
    expect(status.at(-1)).toBeUndefined();
  });
});

describe('the final table', () => {
  it('has a row per tenant with its outcome and why, and the totals count what did not start', () => {
    const results = [
      { pbx: 'eu', id: 'T1', name: 'shop-berlin', outcome: 'applied' as const },
      {
        pbx: 'us',
        id: 'T2',
        name: 'shop-nyc',
        outcome: 'skipped' as const,
        reason: 'changed since planned: run plan again',
      },
    ];
    expect(renderResults(results, io)).toBe(
      [
        'TENANT       ID  PBX  OUTCOME  REASON',
        'shop-berlin  T1  eu   applied',
        'shop-nyc     T2  us   skipped  changed since planned: run plan again',
      ].join('\n'),
    );
    expect(resultTotals(results, 3)).toBe('1 applied, 1 skipped, 0 failed, 1 not started (of 3)');
  });
});

import { describe, expect, it } from 'vitest';
import { doctorExitCode, finding } from '../../src/doctor/finding.js';

describe('doctorExitCode', () => {
  it('is 1 when anything failed, 0 for warnings, skips and successes alone', () => {
    expect(
      doctorExitCode([
        finding('clock', 'ok', 'a'),
        finding('contract', 'warn', 'b'),
        finding('reachability', 'skip', 'c'),
      ]),
    ).toBe(0);
    expect(doctorExitCode([finding('clock', 'ok', 'a'), finding('contract', 'fail', 'b')])).toBe(1);
    expect(doctorExitCode([])).toBe(0);
  });

  it('keeps advice and data only when given', () => {
    expect(finding('clock', 'ok', 'fine')).toEqual({ check: 'clock', status: 'ok', summary: 'fine' });
    expect(finding('clock', 'warn', 'off', { advice: 'sync', data: { skewSeconds: 40 } })).toEqual({
      check: 'clock',
      status: 'warn',
      summary: 'off',
      advice: 'sync',
      data: { skewSeconds: 40 },
    });
  });
});

import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/doctor/finding.js';
import { findingsAsJson, renderFindings } from '../../src/doctor/render-findings.js';

const plain = pc.createColors(false);
const findings = [
  finding('contract', 'warn', 'newer API', { advice: 'upgrade', data: { unknownFields: ['x'] } }),
  finding('configuration', 'ok', 'profile "default"', { advice: 'never shown for ✔' }),
  finding('reachability', 'fail', 'TCP: refused', { advice: 'check the port' }),
  finding('clock', 'skip', 'not checked: unreachable'),
];

describe('renderFindings', () => {
  it('groups by check in a fixed order, one mark per line, advice under ⚠ and ✘, and a closing count', () => {
    expect(renderFindings(findings, 'tenantctl doctor', plain)).toBe(
      [
        'tenantctl doctor',
        '',
        'Configuration',
        '  ✔ profile "default"',
        '',
        'Reachability',
        '  ✘ TCP: refused',
        '    → check the port',
        '',
        'Clock',
        '  – not checked: unreachable',
        '',
        'Contract',
        '  ⚠ newer API',
        '    → upgrade',
        '',
        '1 problem(s), 1 warning(s): tenantctl will not work as it should against this PBX.',
      ].join('\n'),
    );
    expect(
      renderFindings([findings[1] ?? finding('clock', 'ok', '')], 'h', plain).endsWith('\nNo problem found.'),
    ).toBe(true);
  });

  it('gives the same findings as JSON, with counts and whether nothing failed', () => {
    const json = JSON.parse(findingsAsJson(findings, { tenantctl: '0.2.0' }));
    expect(json).toMatchObject({
      tenantctl: '0.2.0',
      ok: false,
      counts: { ok: 1, warn: 1, fail: 1, skip: 1 },
    });
    expect(json.findings).toHaveLength(4);
    expect(json.findings[0]).toEqual({
      check: 'contract',
      status: 'warn',
      summary: 'newer API',
      advice: 'upgrade',
      data: { unknownFields: ['x'] },
    });
  });
});

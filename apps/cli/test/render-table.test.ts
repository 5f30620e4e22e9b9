import { describe, expect, it } from 'vitest';
import { renderTable } from '../src/render-table.js';
import { harness } from './support/harness.js';

describe('renderTable', () => {
  it("groups fields by the spec's sections in its order, aligns values, and lists unknown fields last", () => {
    const { deps } = harness();
    const text = renderTable(
      {
        office_hours: { mon: '9-17' },
        recording_retention: 90,
        name: 'Acme',
        stir_shaken_key: 'K',
        domain: null,
      },
      deps.io,
      false,
    );
    expect(text).toBe(
      [
        'General',
        '  name                 Acme',
        '  domain               —',
        '',
        'Retention',
        '  recording_retention  90',
        '',
        'STIR/SHAKEN',
        '  stir_shaken_key      <redacted>',
        '',
        'Other (not in the spec)',
        '  office_hours         {"mon":"9-17"}',
      ].join('\n'),
    );
  });

  it('shows secrets when asked', () => {
    expect(renderTable({ stir_shaken_key: 'K' }, harness().deps.io, true)).toBe(
      'STIR/SHAKEN\n  stir_shaken_key  K',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { renderTable } from '../src/render-table.js';
import { harness } from './support/harness.js';

describe('renderTable', () => {
  it("groups fields by the spec's sections in its order, aligns values, and lists unknown fields last", () => {
    const { deps } = harness();
    const text = renderTable(
      {
        vault_region: { mon: '9-17' },
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
        '  vault_region         {"mon":"9-17"}',
      ].join('\n'),
    );
  });

  it('shows secrets when asked', () => {
    expect(renderTable({ stir_shaken_key: 'K' }, harness().deps.io, true)).toBe(
      'STIR/SHAKEN\n  stir_shaken_key  K',
    );
  });

  it('hides webhook credentials in fields the spec does not know, unless --show-secrets', () => {
    const tenant = {
      name: 'Acme',
      cdr_event: { url: 'https://hooks.test/cdr', password: 'hunter2', token: 'tok-1' },
    };
    const hidden = renderTable(tenant, harness().deps.io, false);
    expect(hidden).not.toMatch(/hunter2|tok-1/);
    expect(hidden).toMatch(/"password": ?"<redacted>"/);
    expect(renderTable(tenant, harness().deps.io, true)).toMatch(/"password": ?"hunter2"/);
  });

  it('fits an 80-column terminal: long values wrap inside the value column, JSON text over indented lines', () => {
    const tenant = {
      name: 'Acme',
      website: `https://www.example.com/${'very-long-segment/'.repeat(8)}index.html`,
      custom_options: JSON.stringify({ theme: 'dark', locale: 'de-DE', features: ['recording', 'billing'] }),
      office_hours: { monday: '09:00-17:00', tuesday: '09:00-17:00', wednesday: '09:00-17:00' },
    };
    const text = renderTable(tenant, harness({ columns: 80 }).deps.io, false);
    const lines = text.split('\n');
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    const column = lines.find((line) => line.startsWith('  name'))?.indexOf('Acme') ?? 0;
    const websiteAt = lines.findIndex((line) => line.startsWith('  website'));
    // The website's continuation lines start at the value column: the table stays a table.
    expect(lines[websiteAt + 1]?.slice(0, column).trim()).toBe('');
    expect(lines[websiteAt + 1]?.[column]).not.toBe(' ');
    expect(text.replace(/\n +/g, '')).toContain(tenant.website);
    expect(text).toContain(`  custom_options  {\n${' '.repeat(column)}  "theme": "dark",`);
    expect(text).toContain(`${' '.repeat(column)}  "monday": "09:00-17:00",`);
  });
});

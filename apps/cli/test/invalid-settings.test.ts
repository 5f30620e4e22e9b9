import { describe, expect, it } from 'vitest';
import { invalidSettingsError } from '../src/invalid-settings.js';

describe('invalidSettingsError', () => {
  const violations = [
    { path: '/a', rule: 'minimum', message: 'a: must be >= 1' },
    { path: '/b', rule: 'enum', message: 'b: must be one of X, Y' },
  ];
  it('lists every violation, saying nothing was sent (exit 2)', () => {
    expect(invalidSettingsError(violations)).toMatchObject({
      exitCode: 2,
      message: 'invalid settings, nothing was sent:\n  - a: must be >= 1\n  - b: must be one of X, Y',
    });
  });

  it('names where the settings came from', () => {
    expect(invalidSettingsError(violations, 'tenant.yaml').message).toMatch(
      /^invalid settings in tenant\.yaml, nothing was sent:\n/,
    );
  });

  it('says how a system user sets a field that /tenant cannot, and nothing for one no one can', () => {
    const message = invalidSettingsError([
      {
        path: '/max_extensions',
        field: 'max_extensions',
        rule: 'readOnly',
        message: 'max_extensions: is read-only and cannot be set',
      },
      {
        path: '/used_disk_quota',
        field: 'used_disk_quota',
        rule: 'readOnly',
        message: 'used_disk_quota: is read-only and cannot be set',
      },
    ]).message;
    expect(message).toBe(
      [
        'invalid settings, nothing was sent:',
        '  - max_extensions: is read-only and cannot be set here; a SystemAdmin or a Dealer sets it by id: tenantctl set --tenant ID|NAME max_extensions=…',
        '  - used_disk_quota: is read-only and cannot be set',
      ].join('\n'),
    );
  });
});

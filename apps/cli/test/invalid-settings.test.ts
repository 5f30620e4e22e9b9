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
});

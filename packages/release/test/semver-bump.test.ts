import { describe, expect, it } from 'vitest';
import { atLeast, breakingBumpFor } from '../src/semver-bump.js';

describe('semver bumps', () => {
  it('a breaking change is a minor bump below 1.0 and a major one from 1.0', () => {
    expect(breakingBumpFor('0.1.0')).toBe('minor');
    expect(breakingBumpFor('0.99.3')).toBe('minor');
    expect(breakingBumpFor('1.0.0')).toBe('major');
    expect(breakingBumpFor('12.4.1')).toBe('major');
    expect(() => breakingBumpFor('x')).toThrow('"x" is not a semver version');
  });

  it('orders bumps', () => {
    expect(atLeast('major', 'minor')).toBe(true);
    expect(atLeast('minor', 'minor')).toBe(true);
    expect(atLeast('patch', 'minor')).toBe(false);
    expect(atLeast('none', 'none')).toBe(true);
  });
});

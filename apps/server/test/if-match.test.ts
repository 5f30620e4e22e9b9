import { describe, expect, it } from 'vitest';
import { readIfMatch } from '../src/if-match.js';

const instance = '0123456789abcdef';

describe('readIfMatch', () => {
  it('is nothing without the header', () => {
    expect(readIfMatch(undefined, instance)).toEqual({ valid: true, value: undefined });
  });

  it.each([
    ['*', { any: true }],
    [`"3-${instance}"`, { any: false, versions: [3] }],
    [`"3-${instance}", "9-${instance}"`, { any: false, versions: [3, 9] }],
    [`"a,b", "4-${instance}"`, { any: false, versions: [4] }],
    [`W/"3-${instance}"`, { any: false, versions: [] }],
    ['"3-fedcba9876543210"', { any: false, versions: [] }],
    ['"x"', { any: false, versions: [] }],
    ['""', { any: false, versions: [] }],
  ])('reads %s', (header, value) => {
    expect(readIfMatch(header, instance)).toEqual({ valid: true, value });
  });

  it.each(['', ' ', 'abc', '"a", b', '*, "a"', '"a"b', '"a', 'W/a'])(
    'refuses %j, naming the header',
    (header) => {
      const result = readIfMatch(header, instance);
      expect(result.valid).toBe(false);
      if (result.valid) return;
      expect(result.violations).toHaveLength(1);
      expect(result.violations[0]).toMatchObject({ path: '', rule: 'pattern' });
      expect(result.violations[0]?.message).toMatch(/^If-Match: must match \^/);
    },
  );
});

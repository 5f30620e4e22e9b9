// isPathId follows the spec's PathId: its pattern and its bounds, read from openapi/tenant.yaml.
import { describe, expect, it } from 'vitest';
import { isPathId } from '../src/path-id.js';

describe('isPathId', () => {
  it.each([
    ['the vendor id of the example', 'NzAwNTUxOTA5NzczMTQ4MTYw', true],
    ['every allowed character', 'aZ09_=+-', true],
    ['one character', 'a', true],
    ['128 characters', 'a'.repeat(128), true],
    ['129 characters', 'a'.repeat(129), false],
    ['empty', '', false],
    ['a space', 'shop nyc', false],
    ['a path', '../x', false],
    ['a dot', 'a.b', false],
    ['a line break at the end', 'abc\n', false],
  ])('%s', (_name, text, want) => {
    expect(isPathId(text)).toBe(want);
  });
});

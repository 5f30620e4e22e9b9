import { describe, expect, it } from 'vitest';
import { pointerTo, topLevelField, unescapePointerToken } from '../src/json-pointer.js';

describe('JSON Pointer (RFC 6901)', () => {
  it.each([
    ['a', 'a'],
    ['a~1b', 'a/b'],
    ['m~0n', 'm~n'],
    ['~01', '~1'], // ~0 last, so ~01 is "~1", not "/"
    ['~10', '/0'],
  ])('unescapes %j to %j', (token, key) => {
    expect(unescapePointerToken(token)).toBe(key);
  });

  it.each([
    ['', 'a', '/a'],
    ['/x', 'a/b', '/x/a~1b'],
    ['', 'm~n', '/m~0n'],
    ['', '~1', '/~01'],
    ['/0', '', '/0/'],
  ])('points from %j to %j as %j', (parent, key, pointer) => {
    expect(pointerTo(parent, key)).toBe(pointer);
  });

  it.each([
    ['/recording_retention', 'recording_retention'],
    ['/a~1b/0', 'a/b'],
    ['/x~0y', 'x~y'],
    ['/', ''],
    ['', undefined],
    ['name', undefined],
  ])('the top-level field of %j is %j', (pointer, field) => {
    expect(topLevelField(pointer)).toBe(field);
  });
});

import { describe, expect, it } from 'vitest';
import { isJsonObject } from '../src/json-object.js';

describe('isJsonObject', () => {
  it.each([{}, { a: 1 }, Object.create(null)])('accepts %o', (value) => {
    expect(isJsonObject(value)).toBe(true);
  });

  it.each([null, undefined, [], [1], 'x', 1, true])('refuses %o', (value) => {
    expect(isJsonObject(value)).toBe(false);
  });
});

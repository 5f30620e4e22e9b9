import { describe, expect, it } from 'vitest';
import { isAddressOrRange } from '../src/trusted-proxies.js';

describe('isAddressOrRange', () => {
  it.each([
    ['10.0.0.5', true],
    ['10.0.0.0/8', true],
    ['0.0.0.0/0', true],
    ['10.0.0.0/32', true],
    ['fd00::/8', true],
    ['::1', true],
    ['::ffff:10.0.0.1/128', true],
    ['10.0.0.0/33', false],
    ['fd00::/129', false],
    ['10.0.0.0/', false],
    ['10.0.0.0/8/8', false],
    ['10.0.0.0/x', false],
    ['10.0.0', false],
    ['loopback', false],
    ['', false],
    ['lb.example.com', false],
  ])('%s → %s', (text, want) => {
    expect(isAddressOrRange(text)).toBe(want);
  });
});

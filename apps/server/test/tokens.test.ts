import { describe, expect, it } from 'vitest';
import { bearerToken, hashToken, newToken } from '../src/tokens.js';

describe('newToken', () => {
  it('is tnt_ and 43 base64url characters (256 random bits), never the same twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, newToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^tnt_[A-Za-z0-9_-]{43}$/);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 of the token', () => {
    expect(hashToken('abc').toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
    ['Bearer a.b-c_d~e+f/g==', 'a.b-c_d~e+f/g=='],
  ])('reads %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'abc', 'Bearer a b', 'Bearer a=b', 'Bearerabc'])(
    'refuses %j',
    (header) => {
      expect(bearerToken(header)).toBeUndefined();
    },
  );
});

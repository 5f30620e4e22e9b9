import { describe, expect, it } from 'vitest';
import { newResourceId, patchText, sameHash } from '../../src/storage/store-values.js';
import { hashToken } from '../../src/tokens.js';

describe('newResourceId', () => {
  it('is 24 letters and digits, never the same twice', () => {
    const ids = new Set(Array.from({ length: 500 }, newResourceId));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{24}$/);
  });
});

describe('sameHash', () => {
  it('compares hashes of the same length in constant time, and refuses other lengths', () => {
    expect(sameHash(hashToken('a'), hashToken('a'))).toBe(true);
    expect(sameHash(hashToken('a'), hashToken('b'))).toBe(false);
    expect(sameHash(new Uint8Array(3), hashToken('a'))).toBe(false);
  });
});

describe('patchText', () => {
  it('is the patch as JSON, and refuses null (a merge never sets it)', () => {
    expect(patchText({ name: 'Acme', recording_retention: 90 })).toBe(
      '{"name":"Acme","recording_retention":90}',
    );
    expect(() => patchText({ name: null })).toThrow('name: a merge never sets null');
    expect(() => patchText({ name: undefined })).toThrow('name: a merge never sets null');
  });
});

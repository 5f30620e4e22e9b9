import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from '../src/base-url.js';

describe('checkBaseUrl', () => {
  it('drops trailing slashes and keeps the rest', () => {
    expect(checkBaseUrl('https://pbx.example.com/api//')).toBe('https://pbx.example.com/api');
    expect(checkBaseUrl('http://127.0.0.1:8080/api')).toBe('http://127.0.0.1:8080/api');
  });

  it('refuses what is not an absolute URL, and credentials, quoting neither', () => {
    expect(() => checkBaseUrl('pbx/api')).toThrow(/^baseUrl is not an absolute URL/);
    expect(() => checkBaseUrl('https://me:s3cret@pbx/api')).toThrow(/^baseUrl must not hold credentials/);
    expect(() => checkBaseUrl('https://s3cret@pbx/api')).toThrow(/^baseUrl must not hold credentials/);
    try {
      checkBaseUrl('https://me:s3cret@pbx/api');
    } catch (error) {
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});

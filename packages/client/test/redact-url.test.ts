import { describe, expect, it } from 'vitest';
import { redactUrl } from '../src/redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['https://user:secret@pbx.test/api/tenant?token=abc#frag', 'https://pbx.test/api/tenant'],
    ['https://token@pbx.test/api', 'https://pbx.test/api'],
    ['http://127.0.0.1:8080/api/tenant', 'http://127.0.0.1:8080/api/tenant'],
  ])('%s → %s', (url, redacted) => {
    expect(redactUrl(url)).toBe(redacted);
  });

  it('says so rather than echoing something that is not a URL', () => {
    expect(redactUrl('')).toBe('<invalid URL>');
    expect(redactUrl('not a url with secret')).toBe('<invalid URL>');
  });
});

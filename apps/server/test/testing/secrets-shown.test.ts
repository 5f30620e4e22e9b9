import { describe, expect, it } from 'vitest';
import { secretsShownIn } from '../../src/testing/secrets-shown.js';

describe('secretsShownIn', () => {
  it('finds a code as a whole number and a token anywhere', () => {
    const text = 'sent code 853443 to bob; Authorization: Bearer tat_abc123';
    expect(secretsShownIn(text, ['853443', 'tat_abc123', 'hunter2'])).toEqual(['853443', 'tat_abc123']);
  });

  it('does not take digits inside a longer number (a timestamp) for a code', () => {
    const line = '{"level":30,"time":1796628534436,"status":400}';
    expect(secretsShownIn(line, ['853443', ''])).toEqual([]);
    expect(secretsShownIn(`${line} 853443`, ['853443'])).toEqual(['853443']);
  });
});

import { describe, expect, it } from 'vitest';
import { firstSentence, MAX_LISTED_VALUES } from '../src/prose.js';

describe('firstSentence', () => {
  it.each([
    ['The name of the tenant.', 'The name of the tenant'],
    ['One. Two.', 'One'],
    ['Spans\n  two lines. Then more.', 'Spans two lines'],
    ['A version 1.2 stays whole. Next.', 'A version 1.2 stays whole'],
    ['No full stop', 'No full stop'],
    ['  ', ''],
    [undefined, ''],
  ])('%j → %j', (text, sentence) => {
    expect(firstSentence(text)).toBe(sentence);
  });

  it('lists enums of at most a dozen values whole', () => {
    expect(MAX_LISTED_VALUES).toBe(12);
  });
});

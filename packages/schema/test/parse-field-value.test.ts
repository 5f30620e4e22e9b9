import { describe, expect, it } from 'vitest';
import { parseFieldValue } from '../src/parse-field-value.js';

describe('parseFieldValue', () => {
  it.each([
    ['integer', '90', 90],
    ['integer', '-5', -5],
    ['integer', ' 7 ', 7],
    ['integer', '1.5', 1.5],
    ['integer', '1e3', 1000],
    ['integer', '2E-1', 0.2],
    ['integer', 'ninety', 'ninety'],
    ['integer', '', ''],
    ['integer', '0x10', '0x10'],
    ['integer', '1.', '1.'],
    ['number', '2.5', 2.5],
    ['boolean', 'true', true],
    ['boolean', 'false', false],
    ['boolean', 'yes', 'yes'],
    ['boolean', 'TRUE', 'TRUE'],
    ['string', '90', '90'],
    ['string', '', ''],
    ['string', 'true', 'true'],
  ])('%s %j → %j', (type, text, value) => {
    expect(parseFieldValue({ type }, text)).toStrictEqual(value);
  });
});

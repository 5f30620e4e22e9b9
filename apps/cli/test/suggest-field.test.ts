import { describe, expect, it } from 'vitest';
import { suggestField } from '../src/suggest-field.js';

describe('suggestField', () => {
  it.each([
    ['time_zone', ' (did you mean "timezone"?)'],
    ['max_extension', ' (did you mean "max_extensions"?)'], // read-only fields too
    ['colour', '; run tenantctl explain for the list'],
  ])('%s →%s', (name, hint) => {
    expect(suggestField(name)).toBe(hint);
  });
});

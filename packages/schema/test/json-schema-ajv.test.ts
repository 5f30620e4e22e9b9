import { describe, expect, it } from 'vitest';
import { createSpecAjv } from '../src/json-schema-ajv.js';

describe('createSpecAjv', () => {
  const ajv = createSpecAjv();
  const check = (schema: object, value: unknown) => ajv.compile(schema)(value);

  it.each([
    [0, true],
    [2 ** 32 - 1, true],
    [2 ** 32, false],
    [-1, false],
    [1.5, false],
  ])('format uint32: %d → %s', (value, valid) => {
    expect(check({ type: 'number', format: 'uint32' }, value)).toBe(valid);
  });

  it.each([
    ['{"a":1}', true],
    ['[]', true],
    ['"x"', true],
    ['', false],
    ['{a:1}', false],
  ])('contentMediaType application/json is a rule: %j → %s', (value, valid) => {
    expect(check({ type: 'string', contentMediaType: 'application/json' }, value)).toBe(valid);
  });

  it('takes another media type as an annotation', () => {
    expect(check({ type: 'string', contentMediaType: 'text/plain' }, '{nope')).toBe(true);
  });

  it('neither coerces nor fills defaults', () => {
    const validate = ajv.compile({ type: 'object', properties: { n: { type: 'integer', default: 3 } } });
    const value: Record<string, unknown> = { m: '1' };
    expect(validate(value)).toBe(true);
    expect(value).toEqual({ m: '1' });
    expect(check({ type: 'integer' }, '5')).toBe(false);
  });

  it("knows the spec's schemas by their id", () => {
    expect(ajv.getSchema('https://tenantctl.dev/schemas/tenant.json#/$defs/RetentionDays')?.(0)).toBe(false);
  });
});

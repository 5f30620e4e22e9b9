// A 2xx answer's text read as the JSON object the spec promises, or the error saying what it is not.
import { describe, expect, it } from 'vitest';
import { TenantResponseError } from '../src/errors.js';
import { jsonObjectAnswer } from '../src/json-answer.js';

const where = { method: 'GET', url: 'http://pbx.test/api/tenant' };

describe('jsonObjectAnswer', () => {
  it('reads an object, unknown fields and null blanks included', () => {
    expect(jsonObjectAnswer('{"name":"Acme","domain":null,"new_field":1}', 'the tenant', 200, where)).toEqual(
      {
        name: 'Acme',
        domain: null,
        new_field: 1,
      },
    );
  });

  it.each([
    ['not json', '200: the tenant is not valid JSON'],
    ['[1,2]', '200: the tenant is not a JSON object'],
    ['null', '200: the tenant is not a JSON object'],
    ['"text"', '200: the tenant is not a JSON object'],
  ])('refuses %j, naming the request', (text, message) => {
    const error = (() => {
      try {
        return jsonObjectAnswer(text, 'the tenant', 200, where);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TenantResponseError);
    expect(error).toMatchObject({ message, status: 200, ...where });
  });
});

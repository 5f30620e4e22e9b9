import { describe, expect, it } from 'vitest';
import { parseErrorBody, toKnownCode } from '../src/error-body.js';

describe('toKnownCode', () => {
  it('keeps a known code and reads anything else as UNKNOWN', () => {
    expect(toKnownCode('VALIDATE_FAILED')).toBe('VALIDATE_FAILED');
    expect(toKnownCode('PRECONDITION_FAILED')).toBe('PRECONDITION_FAILED');
    expect(toKnownCode('SOMETHING_NEW')).toBe('UNKNOWN');
    expect(toKnownCode(42)).toBe('UNKNOWN');
    expect(toKnownCode(undefined)).toBe('UNKNOWN');
  });
});

describe('parseErrorBody', () => {
  it('reads items, codes and violations, from text or from an object', () => {
    const body = {
      errors: [
        { code: 'VALIDATE_FAILED', message: 'a/b: bad', detail: { path: '/a~1b/0', rule: 'minimum' } },
        { code: 'VALIDATE_FAILED', message: 'tilde', detail: { path: '/x~0y', rule: 'enum' } },
        { code: 'NEW_CODE', message: 'later', detail: 'text' },
      ],
    };
    const expected = {
      errors: body.errors,
      codes: ['VALIDATE_FAILED', 'VALIDATE_FAILED', 'UNKNOWN'],
      violations: [
        { path: '/a~1b/0', field: 'a/b', rule: 'minimum', message: 'a/b: bad' },
        { path: '/x~0y', field: 'x~y', rule: 'enum', message: 'tilde' },
      ],
    };
    expect(parseErrorBody(body)).toEqual(expected);
    expect(parseErrorBody(JSON.stringify(body))).toEqual(expected);
  });

  it('reads a VALIDATE_FAILED without a usable detail as a violation of the whole body', () => {
    expect(
      parseErrorBody({
        errors: [
          { code: 'VALIDATE_FAILED', message: 'no detail' },
          { code: 'VALIDATE_FAILED', message: 'odd detail', detail: { path: 5, rule: [] } },
        ],
      }).violations,
    ).toEqual([
      { path: '', rule: 'server', message: 'no detail' },
      { path: '', rule: 'server', message: 'odd detail' },
    ]);
  });

  it.each([
    ['text that is not JSON', '<html>502 Bad Gateway</html>'],
    ['an empty text', ''],
    ['null', null],
    ['an array', [{ code: 'X' }]],
    ['a number', 42],
    ['no errors key', { error: 'x' }],
    ['errors not an array', { errors: { code: 'X' } }],
  ])('gives nothing, without throwing, for %s', (_what, body) => {
    expect(parseErrorBody(body)).toEqual({ errors: [], codes: [], violations: [] });
  });

  it('mends malformed items instead of dropping the whole body', () => {
    expect(
      parseErrorBody({ errors: [null, 'x', { code: 7, message: 8 }, { message: 'only a message' }] }),
    ).toEqual({
      errors: [
        { code: 'UNKNOWN', message: '' },
        { code: 'UNKNOWN', message: 'only a message' },
      ],
      codes: ['UNKNOWN', 'UNKNOWN'],
      violations: [],
    });
  });
});

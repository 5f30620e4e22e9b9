import { describe, expect, it } from 'vitest';
import { findInterchangeProblem, parseJsonText } from '../src/json-text.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('parseJsonText', () => {
  it('parses UTF-8 JSON text, a byte order mark skipped', () => {
    expect(parseJsonText(bytes('{"a":[1,"é",{"b":null}]}'))).toEqual({
      ok: true,
      value: { a: [1, 'é', { b: null }] },
    });
    expect(parseJsonText(Buffer.from([0xef, 0xbb, 0xbf, ...bytes('{"a":1}')]))).toEqual({
      ok: true,
      value: { a: 1 },
    });
  });

  it.each([
    ['a Latin-1 byte', [0x22, 0xe9, 0x22]],
    ['a truncated sequence', [0x22, 0xe2, 0x82, 0x22]],
    ['an encoded surrogate (CESU-8)', [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ['an overlong slash', [0x22, 0xc0, 0xaf, 0x22]],
  ])('refuses %s as not UTF-8', (_what, raw) => {
    expect(parseJsonText(Buffer.from(raw))).toEqual({
      ok: false,
      problem: {
        rule: 'encoding',
        path: '',
        message: 'The body is not valid UTF-8; JSON between systems must be UTF-8 (RFC 8259).',
      },
    });
  });

  it('refuses text that is not JSON', () => {
    expect(parseJsonText(bytes('{"a":'))).toEqual({
      ok: false,
      problem: { rule: 'json', path: '', message: 'The body is not valid JSON.' },
    });
  });
});

describe('findInterchangeProblem', () => {
  it.each([
    ['{"a":1,"a":2}', '/a'],
    ['{"a":1,"b":{"c":1,"c":2}}', '/b/c'],
    ['[{"x":1},{"y":1,"y":1}]', '/1/y'],
    ['{"a\\/b":1,"a/b":2}', '/a~1b'],
    ['{"~":1,"\\u007e":2}', '/~0'],
    ['{"s":"a\\"b","s":1}', '/s'],
  ])('names the repeated name in %s', (text, path) => {
    expect(findInterchangeProblem(text)).toMatchObject({ rule: 'uniqueKeys', path });
  });

  it('says which name is repeated, and the whole body when it is at the top', () => {
    expect(findInterchangeProblem('{"name":1,"name":2}')?.message).toBe(
      'name: the name appears twice in one object; send it once.',
    );
  });

  it.each([
    ['{"a":"\\ud800"}', '/a'],
    ['{"a":["x","\\udfff"]}', '/a/1'],
    ['{"\\ud800":1}', ''],
    ['"\\udc00\\ud800"', ''],
    ['{"a":{"b":"ok","c":"\\ud83dx"}}', '/a/c'],
  ])('finds the unpaired surrogate in %s', (text, path) => {
    expect(findInterchangeProblem(text)).toMatchObject({ rule: 'unicode', path });
  });

  it.each([
    '{"a":1,"b":2}',
    '{"a":{"x":1},"b":{"x":1}}',
    '[{"a":1},{"a":1}]',
    '{"a":"\\ud83d\\ude00","b":"😀"}',
    '{"a":"\\\\ud800"}',
    '{"a":"\\"}{[,"}',
    '{"ab":1,"a":2,"b":3}',
    '"just a string"',
    '[]',
    '{}',
  ])('finds nothing wrong in %s', (text) => {
    expect(findInterchangeProblem(text)).toBeUndefined();
  });
});

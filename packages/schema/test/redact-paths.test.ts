import { describe, expect, it } from 'vitest';
import { fieldInfo } from '../src/fields.js';
import { redactPaths } from '../src/redact-paths.js';

describe('redactPaths', () => {
  const hook = {
    enabled: true,
    url: 'https://webhooks.acme.test/cdr',
    auth: 'BASIC',
    username: 'pbxhook',
    password: 'hunter22',
  };

  it("replaces what the field's secret paths name, and nothing else, in a copy", () => {
    const paths = fieldInfo('cdr_event')?.secretPaths ?? [];
    expect(paths).toEqual(['/password', '/token']);
    const shown = redactPaths(hook, paths, '(secret)');
    expect(shown).toEqual({ ...hook, password: '(secret)' });
    expect(hook.password).toBe('hunter22');
  });

  it.each([
    ['an empty secret', { password: '' }, { password: '' }],
    ['a null secret', { password: null }, { password: null }],
    ['no such key', { url: 'x' }, { url: 'x' }],
    ['not an object', 'text', 'text'],
    ['null', null, null],
  ])('leaves %s as it is', (_what, value, want) => {
    expect(redactPaths(value, ['/password'], '(secret)')).toEqual(want);
  });

  it('walks arrays through *, and escaped tokens', () => {
    expect(redactPaths([{ key: 'k1' }, { key: '' }, 3], ['/*/key'], 'X')).toEqual([
      { key: 'X' },
      { key: '' },
      3,
    ]);
    expect(redactPaths({ 'a/b': { 'c~d': 'v' } }, ['/a~1b/c~0d'], 'X')).toEqual({ 'a/b': { 'c~d': 'X' } });
    expect(redactPaths({ list: { key: 'v' } }, ['/list/*/key'], 'X')).toEqual({ list: { key: 'v' } });
  });
});

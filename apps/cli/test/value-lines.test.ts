import { fieldInfo } from '@tenantctl/schema/fields';
import { describe, expect, it } from 'vitest';
import { valueLines, wrapLine } from '../src/value-lines.js';

describe('valueLines', () => {
  const hidden = { showSecrets: false };

  it('keeps a short object on one line and prints a long one a key per line', () => {
    expect(valueLines('office_hours', { mon: '9-17' }, undefined, hidden)).toEqual(['{"mon":"9-17"}']);
    const long = { url: 'https://hooks.example.com/cdr/a/very/long/path', enabled: true, retries: 3 };
    expect(valueLines('cdr_event', long, undefined, { ...hidden, room: 40 })).toEqual([
      '{',
      '  "url": "https://hooks.example.com/cdr/a/very/long/path",',
      '  "enabled": true,',
      '  "retries": 3',
      '}',
    ]);
  });

  it('hides secrets inside a field the spec does not know, and such a field whole when its name says so', () => {
    const event = { url: 'u', password: 'hunter2', token: 't' };
    expect(valueLines('cdr_event', event, undefined, hidden)).toEqual([
      '{"url":"u","password":"<redacted>","token":"<redacted>"}',
    ]);
    expect(valueLines('cdr_event', event, undefined, { showSecrets: true })).toEqual([
      '{"url":"u","password":"hunter2","token":"t"}',
    ]);
    expect(valueLines('webhook_token', 'abc', undefined, hidden)).toEqual(['<redacted>']);
    expect(valueLines('webhook_token', null, undefined, hidden)).toEqual(['—']);
  });

  it('pretty-prints JSON text (custom_options) when long, and leaves text that is not JSON', () => {
    const options = JSON.stringify({ theme: 'dark', features: ['a', 'b'], limits: { calls: 10 } });
    expect(
      valueLines('custom_options', options, fieldInfo('custom_options'), { ...hidden, room: 30 }),
    ).toEqual(JSON.stringify(JSON.parse(options), null, 2).split('\n'));
    expect(valueLines('custom_options', '{"a":1}', fieldInfo('custom_options'), hidden)).toEqual(['{"a":1}']);
    expect(valueLines('custom_options', 'not json', fieldInfo('custom_options'), hidden)).toEqual([
      'not json',
    ]);
  });

  it('reads known fields as formatValue does, the spec secret hidden', () => {
    expect(valueLines('enable_billing', true, fieldInfo('enable_billing'), hidden)).toEqual(['yes']);
    expect(valueLines('stir_shaken_key', 'K', fieldInfo('stir_shaken_key'), hidden)).toEqual(['<redacted>']);
  });
});

describe('wrapLine', () => {
  it('breaks at the last space that fits, or anywhere in a long word', () => {
    expect(wrapLine('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapLine('https://example.com/a/long/path', 12)).toEqual([
      'https://exam',
      'ple.com/a/lo',
      'ng/path',
    ]);
    expect(wrapLine('short', 10)).toEqual(['short']);
  });
});

import { fieldInfo } from '@tenantctl/schema/fields';
import { describe, expect, it } from 'vitest';
import { bareValue, formatValue } from '../src/format-value.js';

const hidden = { showSecrets: false };
const shown = { showSecrets: true };

describe('formatValue', () => {
  it.each([
    [null, 'name', '—'],
    [undefined, 'name', '—'],
    [true, 'enable_billing', 'yes'],
    [false, 'enable_billing', 'no'],
    [180, 'recording_retention', '180'],
    ['', 'disk_quota', 'unlimited'],
    ['500GB', 'disk_quota', '500 GB'],
    ['0KB', 'used_disk_quota', '0 KB'],
    ['odd', 'disk_quota', 'odd'],
    ['', 'website', '""'],
    ['Acme', 'name', 'Acme'],
    ['a\nb\nc\n', 'stir_shaken_cert', 'a … (3 lines)'],
    ['one line\n', 'stir_shaken_cert', 'one line\n'],
    [{ a: 1 }, 'office_hours', '{"a":1}'],
    [[1, 2], 'office_hours', '[1,2]'],
    ['', 'office_hours', '""'],
  ])('%j of %s reads %j', (value, field, text) => {
    expect(formatValue(value, fieldInfo(field), hidden)).toBe(text);
  });

  it('hides a secret unless asked, but never hides a blank', () => {
    const key = fieldInfo('stir_shaken_key');
    expect(formatValue('KEY', key, hidden)).toBe('<redacted>');
    expect(formatValue('KEY', key, shown)).toBe('KEY');
    expect(formatValue(null, key, hidden)).toBe('—');
    expect(formatValue('', fieldInfo('name'), shown)).toBe('""');
  });

  it("hides a secret inside an object (a webhook's password) unless asked", () => {
    const hook = { url: 'https://h.test/x', auth: 'BASIC', password: 'hunter22' };
    expect(formatValue(hook, fieldInfo('cdr_event'), hidden)).toBe(
      '{"url":"https://h.test/x","auth":"BASIC","password":"<redacted>"}',
    );
    expect(formatValue(hook, fieldInfo('cdr_event'), shown)).toContain('hunter22');
  });
});

describe('bareValue', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['', ''],
    [180, '180'],
    [true, 'true'],
    [{ a: 1 }, '{"a":1}'],
  ])('%j → %j', (value, text) => {
    expect(bareValue(value)).toBe(text);
  });
});

// Every constrained settable field at its boundaries. The bounds are written out here, from the
// vendor's page and this project's decisions, not read from the spec under test: a bound lost from the
// spec fails these cases.
import { describe, expect, it } from 'vitest';
import { fieldInfo, settableFieldNames, validateTenantUpdate } from '../src/index.js';

interface Bounds {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

const expectedBounds: Record<string, Bounds> = {
  name: { minLength: 1, maxLength: 1024 },
  domain: { minLength: 1, maxLength: 280 },
  website: { maxLength: 255 },
  recording_retention: { min: 1, max: INT32_MAX },
  call_report_retention: { min: 1 },
  log_retention: { min: 1 },
  temp_file_retention: { min: 1 },
  contact_match_length: { min: 0, max: INT32_MAX },
  contact_update_interval: { min: 1, max: 43200 },
};

type Case = [name: string, field: string, value: unknown, valid: boolean];

function boundaryCases(field: string, b: Bounds): Case[] {
  const cases: Case[] = [];
  const filler = (n: number) => 'x'.repeat(n);
  if (b.min !== undefined)
    cases.push([`${field} min-1`, field, b.min - 1, false], [`${field} min`, field, b.min, true]);
  if (b.max !== undefined)
    cases.push([`${field} max`, field, b.max, true], [`${field} max+1`, field, b.max + 1, false]);
  if (b.min !== undefined || b.max !== undefined) {
    cases.push(
      [`${field} fraction`, field, (b.min ?? 1) + 0.5, false],
      [`${field} numeric string`, field, '5', false],
    );
  }
  if (b.minLength !== undefined && b.minLength > 0) {
    cases.push([`${field} minLength-1`, field, filler(b.minLength - 1), false]);
    cases.push([`${field} minLength`, field, filler(b.minLength), true]);
  }
  if (b.maxLength !== undefined) {
    cases.push([`${field} maxLength`, field, filler(b.maxLength), true]);
    cases.push([`${field} maxLength+1`, field, filler(b.maxLength + 1), false]);
    // Lengths count characters (code points), not UTF-16 units: an emoji is one.
    cases.push([`${field} maxLength emoji`, field, '😀'.repeat(b.maxLength), true]);
  }
  return cases;
}

// The prose rules of the vendor's page, and this project's decisions, spelled out.
const named: Case[] = [
  ['retention with no format: far above int32', 'log_retention', 10 ** 12, true],
  ['contact_match_length below int32', 'contact_match_length', INT32_MIN - 1, false],
  ['timezone Asia/Shanghai', 'timezone', 'Asia/Shanghai', true],
  ['timezone Mars/Phobos', 'timezone', 'Mars/Phobos', false],
  ['timezone lower case', 'timezone', 'asia/shanghai', false],
  ['timezone Factory (left out)', 'timezone', 'Factory', false],
  ['region USA', 'region', 'USA', true],
  ['region US (alpha-2)', 'region', 'US', false],
  ['currency USD', 'currency', 'USD', true],
  ['currency usd', 'currency', 'usd', false],
  ['contact_match_type MATCH_LENGTH', 'contact_match_type', 'MATCH_LENGTH', true],
  ['contact_match_type lower case', 'contact_match_type', 'match_length', false],
  ['contact_append_type PREPEND', 'contact_append_type', 'PREPEND', true],
  ['quota 1GB', 'extension_im_disk_quota', '1GB', true],
  ['quota 1PB', 'extension_im_disk_quota', '1PB', true],
  ['quota 1TB (not a unit of the page)', 'extension_im_disk_quota', '1TB', false],
  ['quota 100XB', 'extension_im_disk_quota', '100XB', false],
  ['quota 0MB', 'extension_im_disk_quota', '0MB', false],
  ['quota empty (unlimited)', 'extension_im_disk_quota', '', true],
  ['quota 1.5GB', 'extension_im_disk_quota', '1.5GB', false],
  ['quota with a space', 'extension_im_disk_quota', '100 GB', false],
  ['quota 15 digits', 'extension_im_disk_quota', `${'9'.repeat(15)}KB`, true],
  ['quota 16 digits', 'extension_im_disk_quota', `${'9'.repeat(16)}KB`, false],
  ['custom_options JSON object', 'custom_options', '{"a":[1,2]}', true],
  ['custom_options not JSON', 'custom_options', '{a:1}', false],
  ['custom_options empty', 'custom_options', '', false],
  ['name with a tab', 'name', 'a\tb', false],
  ['name with DEL', 'name', 'a\u007fb', false],
  ['name with an emoji', 'name', 'Acme 😀', true],
  ['website empty', 'website', '', true],
  [
    'stir_shaken_key PEM',
    'stir_shaken_key',
    '-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n',
    true,
  ],
  ['stir_shaken_key with ESC', 'stir_shaken_key', 'a\u001bb', false],
  ['enable_audio_recording true', 'enable_audio_recording', true, true],
  ['enable_audio_recording "true"', 'enable_audio_recording', 'true', false],
  ['null is not accepted in an update', 'name', null, false],
];

describe('validateTenantUpdate at the boundaries', () => {
  it('the spec has exactly the bounds written here', () => {
    for (const [field, b] of Object.entries(expectedBounds)) {
      const info = fieldInfo(field);
      const fromSpec = {
        min: info?.minimum,
        max: info?.maximum,
        minLength: info?.minLength,
        maxLength: info?.maxLength,
      };
      // A format's range counts as a bound: int32 gives recording_retention and contact_match_length their maximum.
      if (info?.format === 'int32') fromSpec.max ??= INT32_MAX;
      expect(Object.fromEntries(Object.entries(fromSpec).filter(([, v]) => v !== undefined)), field).toEqual(
        b,
      );
    }
    expect(settableFieldNames()).toEqual(expect.arrayContaining(Object.keys(expectedBounds)));
  });

  it.each([...named, ...Object.entries(expectedBounds).flatMap(([field, b]) => boundaryCases(field, b))])(
    '%s',
    (_name, field, value, valid) => {
      const result = validateTenantUpdate({ [field]: value });
      expect(result.valid).toBe(valid);
      if (!result.valid) {
        // One violation per rule broken: 1.5 is "not an integer", not also "not an int32".
        const rules = result.violations.map((v) => v.rule);
        expect(rules.length).toBeGreaterThan(0);
        expect(new Set(rules).size).toBe(rules.length);
        for (const violation of result.violations) {
          expect(violation).toMatchObject({ path: `/${field}`, field });
          expect(violation.message.startsWith(`${field}: `)).toBe(true);
        }
      }
    },
  );

  it('accepts every value of every enum, and nothing else', () => {
    for (const field of ['timezone', 'currency', 'region', 'contact_match_type', 'contact_append_type']) {
      const values = fieldInfo(field)?.enum ?? [];
      expect(values.length, field).toBeGreaterThan(2);
      for (const value of values)
        expect(validateTenantUpdate({ [field]: value }).valid, `${field}=${value}`).toBe(true);
      expect(validateTenantUpdate({ [field]: `${values[0]}x` }).valid).toBe(false);
    }
    expect(fieldInfo('timezone')?.enum).toHaveLength(597);
    expect(fieldInfo('currency')?.enum).toHaveLength(180);
    expect(fieldInfo('region')?.enum).toHaveLength(249);
  });
});

// Every constrained settable field at its boundaries, the cases derived from the spec's own bounds.
import { describe, expect, it } from 'vitest';
import { type FieldInfo, integerFormatRanges, tenantFields, validateTenantUpdate } from '../src/index.js';

type Case = [name: string, field: string, value: unknown, valid: boolean];

function numberCases(f: FieldInfo): Case[] {
  const [formatMin, formatMax] = integerFormatRanges[f.format ?? ''] ?? [undefined, undefined];
  const min = f.minimum ?? formatMin;
  const max = f.maximum ?? formatMax;
  const cases: Case[] = [];
  if (min !== undefined) {
    cases.push([`${f.name} min-1`, f.name, min - 1, false], [`${f.name} min`, f.name, min, true]);
  }
  if (max !== undefined) {
    cases.push([`${f.name} max`, f.name, max, true], [`${f.name} max+1`, f.name, max + 1, false]);
  }
  cases.push(
    [`${f.name} fraction`, f.name, (min ?? 1) + 0.5, false],
    [`${f.name} numeric string`, f.name, '5', false],
  );
  return cases;
}

function stringCases(f: FieldInfo): Case[] {
  const cases: Case[] = [];
  const filler = (n: number) => 'x'.repeat(n);
  if (f.minLength !== undefined) {
    if (f.minLength > 0) cases.push([`${f.name} minLength-1`, f.name, filler(f.minLength - 1), false]);
    cases.push([`${f.name} minLength`, f.name, filler(f.minLength), true]);
  }
  if (f.maxLength !== undefined && !f.pattern && !f.enum) {
    cases.push([`${f.name} maxLength`, f.name, filler(f.maxLength), true]);
    cases.push([`${f.name} maxLength+1`, f.name, filler(f.maxLength + 1), false]);
  }
  for (const value of f.enum ?? []) cases.push([`${f.name} = ${value}`, f.name, value, true]);
  if (f.enum) cases.push([`${f.name} outside the enum`, f.name, 'NOT_A_VALUE', false]);
  cases.push([`${f.name} number`, f.name, 42, false]);
  return cases;
}

const settable = tenantFields().filter((f) => f.settable);
const derived: Case[] = settable.flatMap((f) => {
  if (f.type === 'integer') return numberCases(f);
  if (f.type === 'string') return stringCases(f);
  return [
    [`${f.name} true`, f.name, true, true],
    [`${f.name} string "true"`, f.name, 'true', false],
  ] satisfies Case[];
});

// The prose rules of the vendor's page, spelled out as the issue asks.
const named: Case[] = [
  ['timezone Asia/Shanghai', 'timezone', 'Asia/Shanghai', true],
  ['timezone Mars/Phobos', 'timezone', 'Mars/Phobos', false],
  ['timezone lower case', 'timezone', 'asia/shanghai', false],
  ['region USA', 'region', 'USA', true],
  ['region US (alpha-2)', 'region', 'US', false],
  ['currency USD', 'currency', 'USD', true],
  ['currency usd', 'currency', 'usd', false],
  ['quota 1GB', 'extension_im_disk_quota', '1GB', true],
  ['quota 100XB', 'extension_im_disk_quota', '100XB', false],
  ['quota 0MB', 'extension_im_disk_quota', '0MB', false],
  ['quota empty (unlimited)', 'extension_im_disk_quota', '', true],
  ['quota 1.5GB', 'extension_im_disk_quota', '1.5GB', false],
  ['quota with a space', 'extension_im_disk_quota', '100 GB', false],
  ['custom_options JSON object', 'custom_options', '{"a":[1,2]}', true],
  ['custom_options not JSON', 'custom_options', '{a:1}', false],
  ['custom_options empty', 'custom_options', '', false],
  ['recording_retention 0', 'recording_retention', 0, false],
  ['recording_retention 1', 'recording_retention', 1, true],
  ['recording_retention int32 overflow', 'recording_retention', 2 ** 31, false],
  ['contact_update_interval 43200', 'contact_update_interval', 43200, true],
  ['contact_update_interval 43201', 'contact_update_interval', 43201, false],
  ['name 1024 chars', 'name', 'n'.repeat(1024), true],
  ['name 1025 chars', 'name', 'n'.repeat(1025), false],
  ['domain 281 chars', 'domain', 'd'.repeat(281), false],
  ['website empty', 'website', '', true],
  ['website 256 chars', 'website', 'w'.repeat(256), false],
  ['null is not accepted in an update', 'name', null, false],
];

describe('validateTenantUpdate at the boundaries', () => {
  it('derives cases for every settable field', () => {
    const covered = new Set(derived.map(([, field]) => field));
    expect([...covered].sort()).toEqual(settable.map((f) => f.name).sort());
    expect(derived.length).toBeGreaterThan(1000); // every enum value of zone, currency and country included
  });

  it.each([...named, ...derived])('%s', (_name, field, value, valid) => {
    const result = validateTenantUpdate({ [field]: value });
    expect(result.valid).toBe(valid);
    if (!result.valid) {
      expect(result.violations.length).toBeGreaterThan(0);
      for (const violation of result.violations) {
        expect(violation).toMatchObject({ path: `/${field}`, field });
        expect(violation.message).toMatch(new RegExp(`^${field}: `));
      }
    }
  });
});

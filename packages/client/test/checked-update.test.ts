import { readFileSync } from 'node:fs';
import { specPath } from '@tenantctl/mock';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CheckedTenantUpdate, checkTenantUpdate, TenantValidationError } from '../src/index.js';

describe('checkTenantUpdate', () => {
  it('returns a frozen copy of a valid update', async () => {
    const patch = { name: 'Acme', recording_retention: 90 };
    const checked = await checkTenantUpdate(patch);
    expect(checked).toBeInstanceOf(CheckedTenantUpdate);
    expect(checked.fields).toEqual(patch);
    expect(checked.fields).not.toBe(patch);
    expect(Object.isFrozen(checked.fields)).toBe(true);
    patch.name = 'Changed later';
    expect(checked.fields.name).toBe('Acme');
  });

  it('throws every violation at once, nothing sent (no status, no URL)', async () => {
    const error = await checkTenantUpdate({ name: '', region: 'US', nmae: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TenantValidationError);
    const violation = error as TenantValidationError;
    expect(violation.violations.map((v) => v.path)).toEqual(['/nmae', '/name', '/region']);
    expect(violation).toMatchObject({ status: undefined, url: undefined, method: 'POST' });
    expect(violation.message).toBe(
      `the update was not sent: ${violation.violations.map((v) => v.message).join('; ')}`,
    );
  });

  it('cannot be made without a check', () => {
    expect(
      () => new CheckedTenantUpdate('TenantUpdate', { name: 'x' }, Symbol('CheckedTenantUpdate') as never),
    ).toThrow('use checkTenantUpdate()');
  });
});

describe('CheckedTenantUpdate.pick', () => {
  it('keeps the named fields, or gives undefined when none is left', async () => {
    const checked = await checkTenantUpdate({ name: 'Acme', log_retention: 5, website: '' });
    expect(checked.pick(['log_retention', 'website', 'not-in-it'])?.fields).toEqual({
      log_retention: 5,
      website: '',
    });
    expect(checked.pick(['name'])).toBeInstanceOf(CheckedTenantUpdate);
    expect(checked.pick([])).toBeUndefined();
    expect(checked.pick(['domain'])).toBeUndefined();
  });

  it('is sound only because every rule of TenantUpdate is about one field: the spec still says so', () => {
    const spec = parse(readFileSync(specPath, 'utf8'));
    const update = spec.components.schemas.TenantUpdate as Record<string, unknown>;
    // A rule across fields (dependentRequired, if/then, oneOf…) would make a part of a valid update invalid.
    expect(Object.keys(update).sort()).toEqual(
      ['additionalProperties', 'description', 'minProperties', 'properties', 'type'].sort(),
    );
    expect(update.minProperties).toBe(1);
    expect(update.additionalProperties).toBe(false);
  });
});

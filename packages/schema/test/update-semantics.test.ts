// The update rule: fields replaced whole, nested objects included; values compared with keys in any order.
import { describe, expect, it } from 'vitest';
import { applyUpdate, sameValue, withNestedValue } from '../src/update-semantics.js';

describe('applyUpdate', () => {
  it('replaces each field given whole, nested objects and lists included, and keeps the others', () => {
    const current = {
      name: 'Acme',
      office_hours: { monday: { enabled: true, ranges: [] } },
      outbound_caller_ids: [{ caller_id: '+1' }, { caller_id: '+2' }],
    };
    expect(
      applyUpdate(current, {
        office_hours: { tuesday: { enabled: false, ranges: [] } },
        outbound_caller_ids: [{ caller_id: '+3' }],
      }),
    ).toEqual({
      name: 'Acme',
      office_hours: { tuesday: { enabled: false, ranges: [] } },
      outbound_caller_ids: [{ caller_id: '+3' }],
    });
    expect(current.office_hours).toEqual({ monday: { enabled: true, ranges: [] } }); // not changed in place
    expect(applyUpdate(current, {})).toEqual(current);
  });
});

describe('sameValue', () => {
  it.each([
    ['equal scalars', 1, 1, true],
    ['different scalars', 1, 2, false],
    ['a number and its text', 1, '1', false],
    ['null and null', null, null, true],
    ['null and an object', null, {}, false],
    ['objects with keys in another order', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }, true],
    ['an object with a key more', { a: 1 }, { a: 1, b: 2 }, false],
    ['an object with a key less', { a: 1, b: 2 }, { a: 1 }, false],
    ['an object with an undefined key', { a: 1, b: undefined }, { a: 1, c: undefined }, false],
    ['lists in the same order', [1, { a: 2 }], [1, { a: 2 }], true],
    ['lists in another order', [1, 2], [2, 1], false],
    ['lists of different lengths', [1], [1, 1], false],
    ['a list and an object', [], {}, false],
    ['an object and a list', {}, [], false],
  ])('%s', (_name, a, b, want) => {
    expect(sameValue(a, b)).toBe(want);
    expect(sameValue(b, a)).toBe(want);
  });
});

describe('withNestedValue', () => {
  it('sets one key inside a copy of the object, keeping its siblings and making missing levels', () => {
    const current = { enabled: false, url: 'https://hooks.example.com/cdr', auth: 'DISABLE' };
    expect(withNestedValue(current, ['enabled'], true)).toEqual({ ...current, enabled: true });
    expect(current.enabled).toBe(false);
    const week = { monday: { enabled: true, ranges: [] } };
    expect(withNestedValue(week, ['tuesday', 'enabled'], false)).toEqual({
      monday: { enabled: true, ranges: [] },
      tuesday: { enabled: false },
    });
    expect(withNestedValue(week, ['monday', 'enabled'], false)).toEqual({
      monday: { enabled: false, ranges: [] },
    });
    expect(withNestedValue({ monday: 'x' }, ['monday', 'enabled'], true)).toEqual({
      monday: { enabled: true },
    });
  });

  it('starts from an empty object when the field is blank or not an object', () => {
    expect(withNestedValue(null, ['enabled'], true)).toEqual({ enabled: true });
    expect(withNestedValue([1], ['enabled'], true)).toEqual({ enabled: true });
    expect(withNestedValue('text', ['a', 'b'], 1)).toEqual({ a: { b: 1 } });
  });
});

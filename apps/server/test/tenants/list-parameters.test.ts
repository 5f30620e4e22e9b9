import { describe, expect, it } from 'vitest';
import { readListParameters } from '../../src/tenants/list-parameters.js';

const read = (query: Record<string, unknown>) => readListParameters(query);

describe('readListParameters', () => {
  it('defaults to the first page of 100 in creation order, with no selection', () => {
    expect(read({})).toEqual({ ok: true, value: { skip: 0, top: 100 } });
  });

  it('reads skip, top, search and orderby', () => {
    expect(read({ skip: '20', top: '10', search: 'Acme', orderby: 'name desc' })).toEqual({
      ok: true,
      value: { skip: 20, top: 10, search: 'Acme', orderBy: { field: 'name', descending: true } },
    });
    expect(read({ orderby: 'created_at asc' })).toMatchObject({
      value: { orderBy: { field: 'created_at', descending: false } },
    });
  });

  it.each([
    ["name eq 'Acme'", [{ field: 'name', op: 'eq', value: 'Acme' }]],
    ["name eq 'O''Brien'", [{ field: 'name', op: 'eq', value: "O'Brien" }]],
    ["name eq 'a and b'", [{ field: 'name', op: 'eq', value: 'a and b' }]],
    [
      "enabled eq true and domain ne null and name ne ''",
      [
        { field: 'enabled', op: 'eq', value: true },
        { field: 'domain', op: 'ne', value: null },
        { field: 'name', op: 'ne', value: '' },
      ],
    ],
    ['max_extensions eq 50', [{ field: 'max_extensions', op: 'eq', value: 50 }]],
  ])('reads the filter %s', (filter, terms) => {
    expect(read({ filter })).toEqual({ ok: true, value: { skip: 0, top: 100, filter: terms } });
  });

  it.each([
    [{ filter: "name eq 'Acme' or 1 eq 1" }, 'filter', 'pattern'],
    [{ filter: "name eq 'unterminated" }, 'filter', 'pattern'],
    [{ filter: 'name eq Acme' }, 'filter', 'pattern'],
    [{ filter: 'enabled eq 1' }, 'filter', 'type'],
    [{ filter: "settings eq 'x'" }, 'filter', 'enum'],
    [{ filter: 'x'.repeat(1025) }, 'filter', 'maxLength'],
    [{ orderby: 'name;drop table tenants' }, 'orderby', 'pattern'],
    [{ orderby: 'NAME' }, 'orderby', 'pattern'],
    [{ search: 'a\u0000b' }, 'search', 'pattern'],
    [{ skip: '' }, 'skip', 'type'],
    [{ skip: '99999999999' }, 'skip', 'format'], // beyond int32,
    [{ skip: '4294967295' }, 'skip', 'format'],
    [{ top: ['1', '2'] }, 'top', 'type'],
    [{ $top: '1' }, '$top', 'additionalProperties'],
  ])('refuses %j, naming %s', (query, parameter, rule) => {
    const result = read(query);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations[0]).toMatchObject({ path: `/${parameter}`, field: parameter, rule });
    expect(result.violations[0]?.message.startsWith(`${parameter}: `)).toBe(true);
  });

  it('reports every parameter that is wrong, not only the first', () => {
    const result = read({ top: '0', skip: '-1', orderby: 'x' });
    expect(result.ok ? [] : result.violations.map((v) => v.field)).toEqual(['skip', 'top', 'orderby']);
  });
});

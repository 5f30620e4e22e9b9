import { tenantSummaryFieldNames } from '@tenantctl/schema';
import { describe, expect, it } from 'vitest';
import { readListParameters } from '../../src/tenants/list-parameters.js';

const read = (query: Record<string, unknown>) => readListParameters(query);

describe('readListParameters', () => {
  it('defaults to the first page of 100 in creation order, with no selection', () => {
    expect(read({})).toStrictEqual({ ok: true, value: { skip: 0, top: 100 } });
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
    ['enabled eq false', [{ field: 'enabled', op: 'eq', value: false }]],
    ["  name  eq  'Acme'  ", [{ field: 'name', op: 'eq', value: 'Acme' }]],
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

  it('takes a search of digits as the text it is', () => {
    expect(read({ search: '12' })).toStrictEqual({ ok: true, value: { skip: 0, top: 100, search: '12' } });
  });

  const summary = tenantSummaryFieldNames().join(', ');
  const grammar = `write FIELD eq|ne VALUE, joined by " and " (VALUE a 'quoted' string, true, false, null or a whole number)`;
  it.each([
    [{ filter: "name eq 'Acme' or 1 eq 1" }, `filter: cannot read it from character 16: ${grammar}`],
    [{ filter: "name eq 'a' and  = 1" }, `filter: cannot read it from character 18: ${grammar}`],
    [{ filter: "  = 'a'" }, `filter: cannot read it from character 3: ${grammar}`],
    [{ filter: "name eq 'a' and" }, 'filter: ends with "and": a term must follow it'],
    [{ filter: "name eq 'a' and  " }, 'filter: ends with "and": a term must follow it'],
    [{ filter: "nam eq 'x'" }, `filter: nam is not a field of the summary; these are: ${summary}`],
    [
      { filter: 'max_extensions eq 5x' },
      "filter: 5x is not a 'quoted' string, true, false, null or a whole number",
    ],
    [
      { filter: 'max_extensions eq x5' },
      "filter: x5 is not a 'quoted' string, true, false, null or a whole number",
    ],
    [
      { filter: `name eq ${'y'.repeat(50)}` },
      `filter: ${'y'.repeat(40)} is not a 'quoted' string, true, false, null or a whole number`,
    ],
    [{ filter: "max_extensions eq 'x'" }, "filter: max_extensions is integer: 'x' cannot match it"],
    [
      { filter: `enabled eq ${'7'.repeat(15)}` },
      `filter: enabled is boolean: ${'7'.repeat(15)} cannot match it`,
    ],
    [{ top: ['1', '2'] }, 'top: must be given once'],
    [{ skip: 'x1' }, 'skip: must be an integer'],
    [{ skip: '1x' }, 'skip: must be an integer'],
    [
      { orderby: 'nme' },
      `orderby: must be a field of the summary, optionally followed by " asc" or " desc"; these are: ${summary}`,
    ],
  ])('says what is wrong with %j, once', (query, message) => {
    const result = read(query);
    expect(result.ok ? [] : result.violations.map((v) => v.message)).toEqual([message]);
  });

  it('names a parameter the schema refused once: its grammar is not read too', () => {
    const result = read({ orderby: 'NAME' });
    expect(result.ok ? [] : result.violations.map((v) => v.rule)).toEqual(['pattern']);
  });
});

// The collection's SQL as text: values bound (never spliced), placeholders as each dialect writes them,
// and a stable order. The statements run against both engines in the store contract.
import { describe, expect, it } from 'vitest';
import { countTenants, numbered, selectTenants } from '../../src/storage/tenant-collection-sql.js';

const hostile = "x' OR 1=1 --";

describe('numbered', () => {
  it('keeps ? for SQLite and numbers them $1…$n for PostgreSQL', () => {
    expect(numbered('sqlite', 'a = ? AND b = ?')).toBe('a = ? AND b = ?');
    expect(numbered('postgres', 'a = ? AND b = ?')).toBe('a = $1 AND b = $2');
  });
});

describe.each(['sqlite', 'postgres'] as const)('on %s', (dialect) => {
  it('binds every value of the filter, the search, the dealer and the page', () => {
    const query = {
      dealerId: hostile,
      filter: [{ field: 'name', op: 'eq' as const, value: hostile }],
      search: hostile,
      skip: 5,
      top: 10,
    };
    const select = selectTenants(dialect, query);
    expect(select.text).not.toContain(hostile);
    expect(select.text).not.toContain('OR 1=1');
    expect(select.values).toEqual([
      hostile,
      dialect === 'sqlite' ? hostile : JSON.stringify(hostile),
      hostile.toLowerCase(),
      hostile.toLowerCase(),
      10,
      5,
    ]);
    expect(countTenants(dialect, query).values).toEqual(select.values.slice(0, 4));
  });

  it('orders by the creation sequence, alone or after the chosen field', () => {
    const sequence = 't.seq'; // a column with a narrow unique index on both engines
    expect(selectTenants(dialect, { skip: 0, top: 1 }).text).toMatch(
      new RegExp(`ORDER BY ${sequence} LIMIT`),
    );
    const byName = selectTenants(dialect, { skip: 0, top: 1, orderBy: { field: 'name', descending: true } });
    expect(byName.text).toMatch(new RegExp(`DESC(?: NULLS LAST)?, ${sequence} LIMIT`));
  });

  it('matches no tenant for an empty id list, and refuses a field name that is not one', () => {
    expect(selectTenants(dialect, { ids: [], skip: 0, top: 1 }).text).toContain('1 = 0');
    expect(() =>
      selectTenants(dialect, { filter: [{ field: "name'--", op: 'eq', value: 1 }], skip: 0, top: 1 }),
    ).toThrow(TypeError);
  });
});

// How each engine spells what the core says once: the merge that replaces a patch's keys whole, lists
// of values, and field names that can never carry SQL.
import { describe, expect, it } from 'vitest';
import { postgresDialect, sqliteDialect } from '../../src/storage/sql-dialect.js';

describe('mergeSettings', () => {
  it('removes the patch keys before patching on SQLite, so that each is replaced whole', () => {
    expect(sqliteDialect.mergeSettings('settings', ['cdr_event', 'name'], '{"x":1}')).toEqual({
      sql: 'json_patch(json_remove(settings, ?, ?), ?)',
      params: ['$.cdr_event', '$.name', '{"x":1}'],
    });
    expect(sqliteDialect.mergeSettings('settings', [], '{}')).toEqual({
      sql: 'json_patch(settings, ?)',
      params: ['{}'],
    });
  });

  it('is jsonb concatenation on PostgreSQL, one parameter whatever the keys', () => {
    expect(postgresDialect.mergeSettings('settings', ['a', 'b'], '{"a":1}')).toEqual({
      sql: 'settings || ?::jsonb',
      params: ['{"a":1}'],
    });
  });

  it.each([["name') --"], ['Name'], ['a.b'], ['']])('refuses %j as a key on SQLite', (key) => {
    expect(() => sqliteDialect.mergeSettings('settings', [key], '{}')).toThrow(/not a field name/);
    expect(() => sqliteDialect.settingsText('settings', key)).toThrow(/not a field name/);
    expect(() => postgresDialect.settingsText('settings', key)).toThrow(/not a field name/);
  });
});

describe('oneOf', () => {
  it('lists placeholders on SQLite (false for none) and takes one array on PostgreSQL', () => {
    expect(sqliteDialect.oneOf('version', [3, 4], 'INTEGER')).toEqual({
      sql: 'version IN (?, ?)',
      params: [3, 4],
    });
    expect(sqliteDialect.oneOf('version', [], 'INTEGER')).toEqual({ sql: '0', params: [] });
    expect(postgresDialect.oneOf('account', ['a'], 'TEXT')).toEqual({
      sql: 'account = ANY(?::TEXT[])',
      params: [['a']],
    });
  });
});

describe('the rest of each dialect', () => {
  it('spells values, times, locks and unique violations per engine', () => {
    expect([sqliteDialect.bool(true), sqliteDialect.bool(false)]).toEqual([1, 0]);
    expect(postgresDialect.bool(false)).toBe(false);
    expect(sqliteDialect.bigint(5)).toBe('5');
    expect(postgresDialect.bigint(5)).toBe('5::BIGINT');
    expect(sqliteDialect.lockRows('s')).toBe('');
    expect(postgresDialect.lockRows('s')).toBe(' FOR UPDATE OF s');
    expect(sqliteDialect.nextSeq('users')).toBe('(SELECT coalesce(max(seq), 0) + 1 FROM users)');
    expect(postgresDialect.nextSeq('users')).toBe('DEFAULT');
    expect(sqliteDialect.settingsText('t.settings', 'domain')).toBe("json_extract(t.settings, '$.domain')");
    expect(postgresDialect.settingsText('t.settings', 'domain')).toBe("t.settings->>'domain'");
    expect(sqliteDialect.readJson('{"a":1}')).toEqual({ a: 1 });
    expect(postgresDialect.readJson({ a: 1 })).toEqual({ a: 1 });
    expect(sqliteDialect.isUniqueViolation(new Error('UNIQUE constraint failed: users.username'))).toBe(true);
    expect(sqliteDialect.isUniqueViolation(new Error('NOT NULL constraint failed'))).toBe(false);
    expect(postgresDialect.isUniqueViolation(Object.assign(new Error('dup'), { code: '23505' }))).toBe(true);
    expect(postgresDialect.isUniqueViolation(Object.assign(new Error('fk'), { code: '23503' }))).toBe(false);
    expect(sqliteDialect.isUniqueViolation(undefined)).toBe(false);
  });
});

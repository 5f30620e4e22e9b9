// How SQLite and PostgreSQL spell what the store core (store-core.ts) says once: the few expressions,
// casts and error codes that truly differ. Statements are written with `?` placeholders; the PostgreSQL
// session numbers them. Everything else (which rows, in which order, in which transaction) is the core's.
import type { TenantSettings } from './tenant-store.js';

/** SQL and the values its `?` placeholders take, in order. */
interface SqlFragment {
  sql: string;
  params: unknown[];
}

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** The time now, as a time column stores it. */
  readonly now: string;
  /** A placeholder for JSON text that becomes the settings column's value. */
  readonly jsonParam: string;
  /** Null-safe equality with a placeholder after it (`a IS ?`). */
  readonly isNotDistinctFrom: string;
  /** A property of a settings column as text, NULL when blank. */
  settingsText(column: string, name: string): string;
  /**
   * The settings after an update: each top-level key of the patch replaces the stored value whole (a
   * nested object or a list included), the other keys stay. `keys` are the patch's top-level keys.
   */
  mergeSettings(column: string, keys: readonly string[], patchText: string): SqlFragment;
  /** `column` is one of `values` (false for none). */
  oneOf(column: string, values: readonly (string | number)[], type: 'TEXT' | 'INTEGER'): SqlFragment;
  /** The creation-order number of a row being inserted into `table` (its `seq`). */
  nextSeq(table: string): string;
  /** A big integer literal as the engine compares it with BIGINT columns. */
  bigint(value: number): string;
  /** What a SELECT adds to keep the rows it read locked until the transaction ends. */
  lockRows(alias: string): string;
  /** A boolean as a parameter. */
  bool(value: boolean): boolean | number;
  /** The settings column's value as an object. */
  readJson(value: unknown): TenantSettings;
  /** Whether the error is a unique constraint refusing a row. */
  isUniqueViolation(error: unknown): boolean;
}

const fieldNamePattern = /^[a-z][a-z0-9_]*$/;

/** A settings key as SQL may name it: fields come from the spec, never from a request's text. */
function checkedKey(name: string): string {
  if (!fieldNamePattern.test(name)) throw new TypeError(`not a field name: ${name}`);
  return name;
}

const questionMarks = (count: number) => Array.from({ length: count }, () => '?').join(', ');

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  now: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  jsonParam: '?',
  isNotDistinctFrom: 'IS',
  settingsText: (column, name) => `json_extract(${column}, '$.${checkedKey(name)}')`,
  // json_patch alone would merge nested objects key by key (RFC 7396): the patch's keys are removed
  // first, so that what the patch holds for them is the whole new value, as on PostgreSQL.
  mergeSettings: (column, keys, patchText) =>
    keys.length === 0
      ? { sql: `json_patch(${column}, ?)`, params: [patchText] }
      : {
          sql: `json_patch(json_remove(${column}, ${questionMarks(keys.length)}), ?)`,
          params: [...keys.map((key) => `$.${checkedKey(key)}`), patchText],
        },
  oneOf: (column, values) => ({
    sql: values.length === 0 ? '0' : `${column} IN (${questionMarks(values.length)})`,
    params: [...values],
  }),
  nextSeq: (table) => `(SELECT coalesce(max(seq), 0) + 1 FROM ${table})`,
  bigint: (value) => String(value),
  // A SQLite write transaction (BEGIN IMMEDIATE) holds the whole database already.
  lockRows: () => '',
  bool: (value) => (value ? 1 : 0),
  readJson: (value) => JSON.parse(String(value)) as TenantSettings,
  isUniqueViolation: (error) =>
    /UNIQUE constraint failed/.test(String((error as Error | undefined)?.message)),
};

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  now: 'now()',
  jsonParam: '?::jsonb',
  isNotDistinctFrom: 'IS NOT DISTINCT FROM',
  settingsText: (column, name) => `${column}->>'${checkedKey(name)}'`,
  // `||` of two jsonb objects replaces the left's keys with the right's, whole.
  mergeSettings: (column, _keys, patchText) => ({ sql: `${column} || ?::jsonb`, params: [patchText] }),
  // One array parameter: the same text whatever the count, so that it can be a prepared statement.
  oneOf: (column, values, type) => ({ sql: `${column} = ANY(?::${type}[])`, params: [[...values]] }),
  nextSeq: () => 'DEFAULT',
  bigint: (value) => `${value}::BIGINT`,
  lockRows: (alias) => ` FOR UPDATE OF ${alias}`,
  bool: (value) => value,
  readJson: (value) => value as TenantSettings,
  isUniqueViolation: (error) => (error as { code?: unknown } | undefined)?.code === '23505',
};

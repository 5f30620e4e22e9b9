// The SQL of the tenant collection (GET /tenants and the by-id reads), written once for both engines:
// each statement is built here with `?` placeholders and the few expressions the dialects spell apart
// (a field of the settings JSON, the creation time as text, the creation order), then run by the store
// of that engine. Values are always bound, never spliced: field names come from the spec's list.
import type { TenantQuery } from './tenant-store.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Statement {
  text: string;
  values: unknown[];
}

/** `?` placeholders as the dialect writes them: as they are for SQLite, `$1…$n` for PostgreSQL. */
export function numbered(dialect: Dialect, text: string): string {
  if (dialect === 'sqlite') return text;
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** The creation order, a unique, indexed key that only grows: new tenants always come last. */
const sequence = 't.seq';

/** The creation time as the API writes it (`2026-11-30T12:00:00.000Z`), comparable as text. */
function createdAtText(dialect: Dialect): string {
  return dialect === 'sqlite'
    ? 't.created_at'
    : `to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

const fieldNamePattern = /^[a-z][a-z0-9_]*$/;

/** A property of the settings as an SQL value (text, number, or 0/1 and jsonb booleans), NULL when blank. */
function settingsField(dialect: Dialect, name: string): string {
  if (!fieldNamePattern.test(name)) throw new TypeError(`not a field name: ${name}`);
  return dialect === 'sqlite' ? `json_extract(t.settings, '$.${name}')` : `(t.settings->'${name}')`;
}

/** Whether a summary field lives in the settings JSON (every one but the id and the creation time). */
const isSettingsField = (name: string) => name !== 'id' && name !== 'created_at';

/** The column or settings expression of a summary field. */
function fieldExpression(dialect: Dialect, name: string): string {
  if (name === 'id') return 't.id';
  if (name === 'created_at') return createdAtText(dialect);
  return settingsField(dialect, name);
}

/**
 * A value bound for comparison with `fieldExpression`: SQLite's json_extract gives text, numbers and
 * 0/1 for booleans; PostgreSQL compares jsonb with jsonb (ids and times are text there too).
 */
function bound(dialect: Dialect, field: string, value: string | number | boolean): unknown {
  if (dialect === 'sqlite') return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  return isSettingsField(field) ? JSON.stringify(value) : String(value);
}

function placeholderFor(dialect: Dialect, field: string): string {
  return dialect === 'postgres' && isSettingsField(field) ? '?::jsonb' : '?';
}

/** The text of a settings field for a case-insensitive search. */
function searchable(dialect: Dialect, name: string): string {
  return dialect === 'sqlite'
    ? `lower(coalesce(json_extract(t.settings, '$.${name}'), ''))`
    : `lower(coalesce(t.settings->>'${name}', ''))`;
}

function whereClause(dialect: Dialect, query: Omit<TenantQuery, 'skip' | 'top'>): Statement {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (query.dealerId !== undefined) {
    conditions.push('t.dealer_id = ?');
    values.push(query.dealerId);
  }
  if (query.ids !== undefined) {
    conditions.push(query.ids.length === 0 ? '1 = 0' : `t.id IN (${query.ids.map(() => '?').join(', ')})`);
    values.push(...query.ids);
  }
  for (const { field, op, value } of query.filter ?? []) {
    const expression = fieldExpression(dialect, field);
    // PostgreSQL: a settings field is jsonb, whose blank may also be a JSON null; the columns are text.
    const isNull =
      dialect === 'sqlite' || !isSettingsField(field)
        ? `${expression} IS NULL`
        : `(${expression} IS NULL OR ${expression} = 'null'::jsonb)`;
    if (value === null) {
      conditions.push(op === 'eq' ? isNull : `NOT ${isNull}`);
      continue;
    }
    const compared = `${expression} ${dialect === 'sqlite' ? (op === 'eq' ? 'IS' : 'IS NOT') : op === 'eq' ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM'} ${placeholderFor(dialect, field)}`;
    conditions.push(compared);
    values.push(bound(dialect, field, value));
  }
  if (query.search !== undefined && query.search !== '') {
    const needle = query.search.toLowerCase();
    const contains = (name: string) =>
      dialect === 'sqlite'
        ? `instr(${searchable(dialect, name)}, ?) > 0`
        : `strpos(${searchable(dialect, name)}, ?) > 0`;
    conditions.push(`(${contains('name')} OR ${contains('domain')})`);
    values.push(needle, needle);
  }
  return { text: conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '', values };
}

/** How many tenants match (the `count` of every page). */
export function countTenants(dialect: Dialect, query: Omit<TenantQuery, 'skip' | 'top'>): Statement {
  const where = whereClause(dialect, query);
  return {
    text: numbered(dialect, `SELECT count(*) AS count FROM tenants t${where.text}`),
    values: where.values,
  };
}

/** The rows of one page: in creation order, or by a field with creation order breaking ties. */
export function selectTenants(dialect: Dialect, query: TenantQuery): Statement {
  const where = whereClause(dialect, query);
  const order = query.orderBy
    ? `${fieldExpression(dialect, query.orderBy.field)} ${query.orderBy.descending ? 'DESC' : 'ASC'}${dialect === 'postgres' ? (query.orderBy.descending ? ' NULLS LAST' : ' NULLS FIRST') : ''}, ${sequence}`
    : sequence;
  return {
    text: numbered(
      dialect,
      `SELECT t.id, t.settings, t.version, t.dealer_id, ${createdAtText(dialect)} AS created_at
         FROM tenants t${where.text} ORDER BY ${order} LIMIT ? OFFSET ?`,
    ),
    values: [...where.values, query.top, query.skip],
  };
}

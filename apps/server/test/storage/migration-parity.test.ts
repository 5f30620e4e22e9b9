// After all migrations, SQLite and PostgreSQL have the same schema, read from their own catalogs:
// tables, columns (name, storage class, NOT NULL), primary keys, unique keys, foreign keys with their
// ON DELETE, CHECK constraints (by the columns they check) and indexes. Two migration histories that
// drift apart fail here; so does the comparison itself when the catalogs read nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/storage/postgres-store.js';
import { openSqlDriver, openSqliteStore } from '../../src/storage/sqlite-store.js';
import { postgresForFile } from '../support/postgres.js';

interface TableShape {
  columns: Record<string, { type: 'text' | 'integer' | 'blob'; notNull: boolean }>;
  primaryKey: string[];
  unique: string[];
  indexes: string[];
  foreignKeys: string[];
  checks: string[];
}
type Schema = Record<string, TableShape>;

const sorted = (items: string[]) => [...items].sort();

/** SQLite's declared types as storage classes. */
const sqliteType = (declared: string): TableShape['columns'][string]['type'] =>
  declared === 'INTEGER' ? 'integer' : declared === 'BLOB' ? 'blob' : 'text';

function sqliteSchema(path: string): Schema {
  const db = openSqlDriver(path);
  try {
    const schema: Schema = {};
    const tables = db.all<{ name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    );
    for (const { name, sql } of tables) {
      const columns = db.all<{ name: string; type: string; notnull: number; pk: number }>(
        `PRAGMA table_info(${name})`,
      );
      const indexes = db.all<{ name: string; unique: number; origin: string; partial: number }>(
        `PRAGMA index_list(${name})`,
      );
      const columnsOf = (index: string) =>
        db
          .all<{ name: string }>(`PRAGMA index_info(${index})`)
          .map((column) => column.name)
          .join(',');
      schema[name] = {
        columns: Object.fromEntries(
          columns.map((column) => [
            column.name,
            { type: sqliteType(column.type), notNull: column.notnull === 1 || column.pk > 0 },
          ]),
        ),
        primaryKey: columns
          .filter((column) => column.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((column) => column.name),
        unique: sorted(
          indexes
            .filter((index) => index.unique === 1 && index.origin !== 'pk')
            .map((index) => `${columnsOf(index.name)}${index.partial ? ' (partial)' : ''}`),
        ),
        indexes: sorted(
          indexes
            .filter((index) => index.unique === 0)
            .map((index) => `${columnsOf(index.name)}${index.partial ? ' (partial)' : ''}`),
        ),
        foreignKeys: sorted(
          db
            .all<{ table: string; from: string; to: string; on_delete: string }>(
              `PRAGMA foreign_key_list(${name})`,
            )
            .map((fk) => `${fk.from} → ${fk.table}(${fk.to}) ON DELETE ${fk.on_delete}`),
        ),
        // SQLite keeps a CHECK only in the table's text: a column definition holding one.
        checks: sorted(
          columns
            .map((column) => column.name)
            .filter((column) => new RegExp(`\\n\\s*${column}\\s[^\\n]*CHECK \\(`).test(sql)),
        ),
      };
    }
    return schema;
  } finally {
    db.close();
  }
}

/** PostgreSQL's types as storage classes; a boolean is SQLite's INTEGER with a CHECK of 0 or 1. */
const postgresType = (type: string): TableShape['columns'][string]['type'] =>
  ['integer', 'bigint', 'boolean'].includes(type) ? 'integer' : type === 'bytea' ? 'blob' : 'text';

const onDelete: Record<string, string> = { a: 'NO ACTION', c: 'CASCADE', n: 'SET NULL', r: 'RESTRICT' };

async function postgresSchema(url: string): Promise<Schema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema: Schema = {};
    const columns = await client.query<{ table: string; name: string; type: string; nullable: string }>(
      `SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable AS nullable
         FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    for (const column of columns.rows) {
      // The migration history's own bookkeeping (SQLite keeps it in PRAGMA user_version).
      if (column.table === 'schema_version') continue;
      schema[column.table] ??= {
        columns: {},
        primaryKey: [],
        unique: [],
        indexes: [],
        foreignKeys: [],
        checks: [],
      };
      const table = schema[column.table] as TableShape;
      table.columns[column.name] = { type: postgresType(column.type), notNull: column.nullable === 'NO' };
      if (column.type === 'boolean') table.checks.push(column.name);
    }
    const indexes = await client.query<{
      table: string;
      columns: string;
      unique: boolean;
      primary: boolean;
      partial: boolean;
    }>(
      `SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
              i.indpred IS NOT NULL AS partial,
              (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord)
                 FROM unnest(i.indkey) WITH ORDINALITY AS k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num) AS columns
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`,
    );
    const constraints = await client.query<{
      table: string;
      type: string;
      columns: string[];
      target: string | null;
      target_columns: string[] | null;
      on_delete: string;
    }>(
      `SELECT t.relname AS table, c.contype::text AS type,
              ARRAY(SELECT a.attname::text FROM unnest(c.conkey) AS k(num)
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.num) AS columns,
              f.relname AS target,
              ARRAY(SELECT a.attname::text FROM unnest(c.confkey) AS k(num)
                      JOIN pg_attribute a ON a.attrelid = f.oid AND a.attnum = k.num) AS target_columns,
              c.confdeltype::text AS on_delete
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         LEFT JOIN pg_class f ON f.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`,
    );
    for (const index of indexes.rows) {
      const table = schema[index.table];
      if (!table) continue;
      const shown = `${index.columns}${index.partial ? ' (partial)' : ''}`;
      if (index.primary) table.primaryKey = index.columns.split(',');
      else if (index.unique) table.unique.push(shown);
      else table.indexes.push(shown);
    }
    for (const constraint of constraints.rows) {
      const table = schema[constraint.table];
      if (!table) continue;
      if (constraint.type === 'f') {
        table.foreignKeys.push(
          `${constraint.columns.join(',')} → ${constraint.target}(${constraint.target_columns?.join(',')}) ON DELETE ${onDelete[constraint.on_delete]}`,
        );
      } else if (constraint.type === 'c') table.checks.push(...constraint.columns);
    }
    for (const table of Object.values(schema)) {
      table.unique = sorted(table.unique);
      table.indexes = sorted(table.indexes);
      table.foreignKeys = sorted(table.foreignKeys);
      table.checks = sorted([...new Set(table.checks)]);
    }
    return schema;
  } finally {
    await client.end();
  }
}

const server = await postgresForFile();
const dir = mkdtempSync(join(tmpdir(), 'migration-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (server) {
  describe('the migrations of both engines', () => {
    it('end in the same tables, columns, keys, checks and indexes', async () => {
      const path = join(dir, 'parity.db');
      await openSqliteStore({ path }).close();
      const url = await server.createDatabase();
      await (await openPostgresStore({ url })).close();
      const sqlite = sqliteSchema(path);
      const postgres = await postgresSchema(url);
      // The comparison reads something: every table with its columns, users with its keys.
      expect(Object.keys(sqlite)).toEqual(
        expect.arrayContaining(['tenants', 'tokens', 'users', 'sessions', 'sign_in_flows', 'meta']),
      );
      expect(sqlite.users?.foreignKeys).toEqual(['tenant_id → tenants(id) ON DELETE CASCADE']);
      expect(sqlite.tenants?.columns.seq).toEqual({ type: 'integer', notNull: true });
      expect(postgres).toEqual(sqlite);
    });
  });
}

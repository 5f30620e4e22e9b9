// Every store engine this runtime can run, for the tests written once for all of them: SQLite on each
// binding it has (a file per test file), and PostgreSQL (started for the file, or skipped outside CI).
// A store can be wrapped to record which of its methods a suite called.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { nodeSqlite } from '../../src/storage/node-sqlite-driver.js';
import type { Store } from '../../src/storage/open-store.js';
import { openPostgresStore } from '../../src/storage/postgres-store.js';
import { openSqliteStore, type SqliteEngine } from '../../src/storage/sqlite-store.js';
import { postgresForFile } from '../support/postgres.js';

/** The SQLite bindings of this runtime. */
export function sqliteEngines(): SqliteEngine[] {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const engines: SqliteEngine[] = [];
  if (nodeSqlite()) engines.push('node:sqlite');
  // better-sqlite3 12 aborts the process on Node ≥ 24.19 when a statement is garbage-collected (fixed in
  // 13, which does not run on Node 20); node:sqlite is the engine there.
  if (major < 24 || (major === 24 && minor < 19)) engines.push('better-sqlite3');
  return engines;
}

export interface EngineUnderTest {
  name: string;
  /** Opens the engine's store on this file's database (the same one each time). */
  open(): Promise<Store>;
}

export async function everyEngine(file: string): Promise<EngineUnderTest[]> {
  const dir = mkdtempSync(join(tmpdir(), `${file}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const engines: EngineUnderTest[] = sqliteEngines().map((engine) => {
    const path = join(dir, `${engine.replace(':', '-')}.db`);
    return { name: `SQLite (${engine})`, open: async () => openSqliteStore({ path, engine }) };
  });
  const postgres = await postgresForFile();
  if (postgres) {
    const url = await postgres.createDatabase();
    engines.push({ name: 'PostgreSQL', open: () => openPostgresStore({ url }) });
  }
  return engines;
}

/** The store with every method call's name added to `called`. */
export function recording<T extends object>(store: T, called: Set<string>): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        called.add(property);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

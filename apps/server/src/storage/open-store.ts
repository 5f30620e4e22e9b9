// One way to open the store a `--database` names: a `postgres://` URL opens PostgreSQL, anything else is
// a SQLite file.
import { openPostgresStore, type PostgresStoreOptions } from './postgres-store.js';
import { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
import type { AdminStore, AuthStore, CollectionStore, TenantStore } from './tenant-store.js';

export type Store = TenantStore & AuthStore & AdminStore & CollectionStore & { readonly engine: string };

export interface OpenStoreOptions
  extends Pick<SqliteStoreOptions, 'synchronous'>,
    Pick<PostgresStoreOptions, 'poolSize' | 'onAvailability'> {}

export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

export async function openStore(database: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(database)) {
    return openPostgresStore({
      url: database,
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
      ...(options.onAvailability ? { onAvailability: options.onAvailability } : {}),
    });
  }
  return openSqliteStore({
    path: database,
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
}

import { fileURLToPath } from 'node:url';

/** The database file unless `--db`/`TENANT_SERVER_DB` says otherwise: `apps/server/data/tenants.db`. */
export function defaultDatabasePath(): string {
  return process.env.TENANT_SERVER_DB ?? fileURLToPath(new URL('../data/tenants.db', import.meta.url));
}

/**
 * The database of the admin commands and `serve`: `--database` (a SQLite path or a `postgres://` URL),
 * else `--db`, else `TENANT_SERVER_DATABASE`, else the SQLite default.
 */
export function chooseDatabase(flags: { database?: string; db?: string }): string {
  return (
    flags.database ?? flags.db ?? (process.env.TENANT_SERVER_DATABASE || undefined) ?? defaultDatabasePath()
  );
}

import { fileURLToPath } from 'node:url';

/** The database file unless `--db`/`TENANT_SERVER_DB` says otherwise: `apps/server/data/tenants.db`. */
export function defaultDatabasePath(): string {
  return process.env.TENANT_SERVER_DB ?? fileURLToPath(new URL('../data/tenants.db', import.meta.url));
}

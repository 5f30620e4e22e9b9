// The store on PostgreSQL, for several server processes sharing one state: every read goes to the
// database (no cache could know what another replica wrote), every write is one statement or one
// transaction, acknowledged once committed. The store itself is the core both engines share
// (store-core.ts); this room keeps the pool, the migrations and what the database's absence means:
// calls fail with StoreUnavailableError (the server answers 503), and the pool reconnects by itself.
import pg from 'pg';
import { postgresMigrations } from './postgres-migrations.js';
import { postgresSession } from './postgres-session.js';
import { postgresDialect } from './sql-dialect.js';
import { storeCore } from './store-core.js';
import { isUnavailable, StoreUnavailableError } from './store-unavailable.js';
import type { AdminStore, AuthStore, CollectionStore, TenantStore } from './tenant-store.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (or `postgresql://`). */
  url: string;
  /** Connections per server process. Default 10: PostgreSQL's default allows 100 for 10 replicas. */
  poolSize?: number;
  /** Called when the database stops answering, and when it answers again (for one log line each). */
  onAvailability?: (available: boolean, reason?: string) => void;
}

export type PostgresStore = TenantStore &
  AuthStore &
  AdminStore &
  CollectionStore & { readonly engine: 'postgres' };

/** The URL without its password, for messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database URL';
  }
}

// BIGINT columns hold milliseconds since the epoch: well within a double, so they are read as numbers.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** One key for the advisory lock that makes replicas starting together migrate the database once. */
const MIGRATION_LOCK = 742_017_311;

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > postgresMigrations.length) {
      throw new Error(
        `the database is at schema version ${current}, newer than this server knows (${postgresMigrations.length})`,
      );
    }
    for (let version = current; version < postgresMigrations.length; version++) {
      await client.query(postgresMigrations[version] ?? '');
    }
    await client.query('DELETE FROM schema_version');
    await client.query('INSERT INTO schema_version (version) VALUES ($1)', [postgresMigrations.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    types,
  });
  let available = true;
  const notice = (now: boolean, reason?: string) => {
    if (now === available) return;
    available = now;
    options.onAvailability?.(now, reason);
  };
  // An idle connection the server closed (a restart) is reported here; without a listener it would end
  // the process. The next query opens a new connection.
  pool.on('error', (error) => notice(false, error.message));

  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = isUnavailable(error) ? ` (${(error as Error).message})` : `: ${(error as Error).message}`;
    throw new StoreUnavailableError(`cannot open ${redactDatabaseUrl(options.url)}${reason}`, {
      cause: error,
    });
  }
  const session = postgresSession(pool, notice);
  const [meta] = await session.rows<{ value: string }>(`SELECT value FROM meta WHERE key = 'instance_id'`);
  const { findTokenOwnerUntil: _until, ...core } = storeCore(session, postgresDialect);
  return {
    ...core,
    engine: 'postgres',
    instanceId: meta?.value ?? 'unknown',
    async close() {
      await pool.end();
    },
  };
}

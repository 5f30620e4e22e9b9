// The reference server in this process, on a real port and a real SQLite file in a temporary folder (or
// a PostgreSQL database), with seeded tenants: the fixture of every test that talks to the API over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppOptions } from '../app.js';
import { createRequestLog } from '../request-log.js';
import { type RunningServer, serve } from '../server.js';
import { openStore, type Store } from '../storage/open-store.js';
import { toTenantBody } from '../tenant-representation.js';
import { type SeededTenant, seedTenants } from './seed.js';

export interface TestServerOptions
  extends Pick<AppOptions, 'bodyLimit' | 'requestTimeoutMs' | 'auth' | 'corsOrigins' | 'trustProxy'> {
  /** Names of the tenants to create, each with a token. Default: one, "Test Tenant". */
  tenants?: readonly string[];
  /** A `postgres://` database to serve from instead of a SQLite file in a temporary folder. */
  database?: string;
}

export interface TestServer {
  /** Base URL of the API, `/api` included. */
  readonly url: string;
  /** The fastify app, for `app.inject()` (no socket) where the wire does not matter. */
  readonly app: FastifyInstance;
  /** The SQLite file, or the `postgres://` URL. */
  readonly dbPath: string;
  /** Where one-time codes are mailed (see `latestCode`). */
  readonly mailDir: string;
  readonly tenants: readonly SeededTenant[];
  /** The first seeded tenant. */
  readonly tenant: SeededTenant;
  /** `METHOD /path` of every request the server received, in order (clear it with `length = 0`). */
  readonly requests: string[];
  /** Every log line the server wrote. */
  readonly logs: string[];
  /** The server's own store, for seeding and reading what is stored. */
  readonly store: Store;
  /** A tenant as GET shows it, read from the store (so it is not one of the requests). */
  stored(tenantId?: string): Promise<Record<string, unknown>>;
  /**
   * Stops the server and starts it again on the same database file, on a new port (so that no client
   * reuses a keep-alive connection to the old one).
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { tenants: names = ['Test Tenant'], database, ...appOptions } = options;
  const dir = mkdtempSync(join(tmpdir(), 'tenant-server-test-'));
  const dbPath = database ?? join(dir, 'tenants.db');
  const mailDir = join(dir, 'mail');
  const logs: string[] = [];
  const stream = { write: (line: string) => void logs.push(line) } as unknown as NodeJS.WritableStream;
  // One log for the app's lines and the store's (a database that stops answering, and comes back).
  const log = createRequestLog({ level: 'info', stream });
  const open = () => openStore(dbPath, { onAvailability: (up, why) => log.database(up, why) });
  let store = await open();
  const tenants = await seedTenants(store, names);
  const first = tenants[0];
  if (!first) throw new Error('startTestServer needs at least one tenant');
  const requests: string[] = [];

  let server: RunningServer | undefined;
  const start = async () => {
    server = await serve({
      store,
      port: 0,
      log,
      ...appOptions,
      auth: { mailDir, ...appOptions.auth },
    });
    server.app.server.on('request', (request: { method?: string; url?: string }) => {
      requests.push(`${request.method} ${request.url?.split('?')[0]}`);
    });
  };
  await start();
  return {
    get url() {
      return server?.url ?? '';
    },
    get app() {
      if (!server) throw new Error('the test server is not running');
      return server.app;
    },
    dbPath,
    mailDir,
    tenants,
    tenant: first,
    requests,
    logs,
    get store() {
      return store;
    },
    async stored(tenantId = first.id) {
      const tenant = await store.readTenant(tenantId);
      if (!tenant) throw new Error(`no tenant ${tenantId}`);
      return toTenantBody(tenant);
    },
    async restart() {
      await server?.close(); // closes the store too
      store = await open();
      await start();
    },
    async close() {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** How to start a test server on one engine, named for a test's title. */
export type TestServerEngine = [name: string, start: (options?: TestServerOptions) => Promise<TestServer>];

/**
 * A test server on each engine a test runs on: SQLite always, PostgreSQL when one is given (a fresh
 * database of it per server), for the tests that hold on both (`describe.each`).
 */
export function testServerEngines(postgres?: { createDatabase(): Promise<string> }): TestServerEngine[] {
  const engines: TestServerEngine[] = [['SQLite', (options = {}) => startTestServer(options)]];
  if (postgres) {
    engines.push([
      'PostgreSQL',
      async (options = {}) => startTestServer({ ...options, database: await postgres.createDatabase() }),
    ]);
  }
  return engines;
}

// The reference server as a child process (`tenant-server serve`) on a seeded database (a SQLite file, or
// a PostgreSQL several processes share): for tests that kill it, run replicas, and for benchmarks that
// give the load generator a process of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForOutput } from '@tenantctl/mock';
import { openStore } from '../storage/open-store.js';
import { type SeededTenant, seedTenants } from './seed.js';

// The built binary, from src/testing (tests) and dist/testing (benchmarks) alike.
const serverCli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface ServerProcessOptions {
  /** Names of the tenants to create before the first start. Default: one, "Test Tenant". */
  tenants?: readonly string[];
  /** More arguments for `serve`, e.g. `['--synchronous', 'NORMAL']`. */
  args?: readonly string[];
  env?: Record<string, string>;
  /** A database file to use (and keep) instead of a fresh one in a temporary folder. */
  dbPath?: string;
  /** A database to use instead: a SQLite path or a `postgres://` URL (wins over `dbPath`). */
  database?: string;
  /** Tenants seeded already (by another replica): nothing is seeded, these are the tenants. */
  seeded?: readonly SeededTenant[];
}

export interface ServerProcess {
  readonly url: string;
  /** The database: a SQLite path or a `postgres://` URL. */
  readonly dbPath: string;
  readonly tenants: readonly SeededTenant[];
  readonly tenant: SeededTenant;
  readonly child: ChildProcess;
  /** Starts the server again on the same database (after `kill`), on a new port. */
  restart(): Promise<void>;
  /** Sends a signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the server and removes the temporary folder. */
  close(): Promise<void>;
}

/** Starts `tenant-server serve` on the database and resolves with its URL once it listens. */
function startProcess(
  database: string,
  options: ServerProcessOptions,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      serverCli,
      'serve',
      '--database',
      database,
      '--port',
      '0',
      '--log-level',
      'warn',
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...options.env } },
  );
  const started = waitForOutput(child, 'tenant-server', /Tenant API on (\S+)\/tenant/);
  return started.then(
    (match) => ({ url: match[1] ?? '', child }),
    (error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    },
  );
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const given = options.database ?? options.dbPath;
  const dir = given ? undefined : mkdtempSync(join(tmpdir(), 'tenant-server-process-'));
  const dbPath = given ?? join(dir ?? '', 'tenants.db');
  let tenants = options.seeded;
  if (!tenants) {
    const seedStore = await openStore(dbPath);
    tenants = await seedTenants(seedStore, options.tenants ?? ['Test Tenant']);
    await seedStore.close();
  }
  const first = tenants[0];
  if (!first) throw new Error('startServerProcess needs at least one tenant');
  let running = await startProcess(dbPath, options);
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const done = exited(running.child);
    running.child.kill(signal);
    await done;
  };
  return {
    get url() {
      return running.url;
    },
    get child() {
      return running.child;
    },
    dbPath,
    tenants,
    tenant: first,
    async restart() {
      await kill();
      running = await startProcess(dbPath, options);
    },
    kill,
    async close() {
      await kill();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

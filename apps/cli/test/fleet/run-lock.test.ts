// A run's lock: one holder at a time, refused at once naming the holder; a lock left by a process
// that is gone is taken over, one of another machine never is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runsFolder } from '../../src/fleet/journal.js';
import { lockRun } from '../../src/fleet/run-lock.js';
import { scratch } from '../support/harness.js';

const configFile = () => join(mkdtempSync(join(scratch, 'run-lock-')), 'config.json');
const lockFile = (config: string, run: string) => join(runsFolder(config), `${run}.lock`);

/** A lock file as another holder would have left it. */
function leaveLock(config: string, run: string, holder: { pid: number; host: string }) {
  mkdirSync(runsFolder(config), { recursive: true });
  writeFileSync(
    lockFile(config, run),
    JSON.stringify({ ...holder, since: '2026-12-08T01:02:03.000Z', action: 'applied' }),
  );
}

describe('lockRun', () => {
  it('holds the run for one process, refuses a second at once naming the holder, and releases', () => {
    const config = configFile();
    const lock = lockRun(config, 'RUN-1', 'undone');
    const holder = JSON.parse(readFileSync(lockFile(config, 'RUN-1'), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), action: 'undone' });
    let refusal: unknown;
    try {
      lockRun(config, 'RUN-1', 'applied');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      exitCode: 1,
      message: `run RUN-1 is being undone by pid ${process.pid} since ${holder.since}; nothing was done (if that process is gone, remove ${lockFile(config, 'RUN-1')})`,
    });
    lock.release();
    lock.release(); // a second release does nothing
    expect(existsSync(lockFile(config, 'RUN-1'))).toBe(false);
    lockRun(config, 'RUN-1', 'applied').release();
  });

  it('takes over a lock whose process on this machine is gone', () => {
    const config = configFile();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    leaveLock(config, 'RUN-2', { pid: Number(gone.stdout.toString()), host: hostname() });
    const lock = lockRun(config, 'RUN-2', 'applied');
    expect(JSON.parse(readFileSync(lockFile(config, 'RUN-2'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it("never takes over another machine's lock: it cannot tell whether that process runs", () => {
    const config = configFile();
    leaveLock(config, 'RUN-3', { pid: 1, host: 'jump-host-2' });
    expect(() => lockRun(config, 'RUN-3', 'applied')).toThrow(
      'run RUN-3 is being applied by pid 1 on jump-host-2 since 2026-12-08T01:02:03.000Z',
    );
    expect(existsSync(lockFile(config, 'RUN-3'))).toBe(true);
  });

  it('refuses what is not a run id before it names a file', () => {
    const config = configFile();
    expect(() => lockRun(config, '../escape', 'applied')).toThrow(/is not a run id/);
    expect(existsSync(join(runsFolder(config), '..', 'escape.lock'))).toBe(false);
  });
});

import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../src/file-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'tenantctl-lock-'));
let n = 0;
const lockPath = () => join(dir, `nested-${++n}`, 'config.json.lock');

describe('withFileLock', () => {
  it('holds the file while the work runs and removes it afterwards, also after a failure', async () => {
    const path = lockPath();
    expect(await withFileLock(path, async () => existsSync(path))).toBe(true);
    expect(existsSync(path)).toBe(false);
    await expect(
      withFileLock(path, async () => {
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(existsSync(path)).toBe(false);
  });

  it('lets one holder in at a time', async () => {
    const path = lockPath();
    const events: string[] = [];
    const work = (name: string) =>
      withFileLock(path, async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        events.push(`${name} out`);
      });
    await Promise.all([work('a'), work('b'), work('c')]);
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]?.replace(' in', '')).toBe(events[i + 1]?.replace(' out', ''));
    }
    expect(events).toHaveLength(6);
  });

  it('takes over a lock left behind by a process that died', async () => {
    const path = lockPath();
    await withFileLock(path, async () => undefined); // creates the folder
    writeFileSync(path, '999999\n');
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    expect(await withFileLock(path, async () => 'ran')).toBe('ran');
  });

  it('gives up on a lock that stays held, saying which file to remove', async () => {
    const path = lockPath();
    await withFileLock(path, async () => undefined);
    writeFileSync(path, '1\n');
    await expect(withFileLock(path, async () => 'ran', { timeoutMs: 100 })).rejects.toMatchObject({
      exitCode: 1,
      message: `another tenantctl has held ${path} for over 0 s; if none is running, remove that file`,
    });
  });
});

// The readiness waits, on real child processes (node -e scripts that print, wait or exit).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  PROCESS_START_MS,
  scaledMs,
  testTimeouts,
  timeoutScale,
  waitForOutput,
  waitUntilReady,
  watchOutput,
} from '../src/readiness.js';

const node = (script: string) =>
  spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });

describe('timeoutScale', () => {
  it.each([
    [undefined, 1],
    ['', 1],
    ['3', 3],
    ['0.5', 0.5],
  ])('TEST_TIMEOUT_SCALE=%s → %s', (value, want) => {
    expect(timeoutScale(value === undefined ? {} : { TEST_TIMEOUT_SCALE: value })).toBe(want);
  });

  it.each(['0', '-2', 'slow'])('refuses TEST_TIMEOUT_SCALE=%s, naming it', (value) => {
    expect(() => timeoutScale({ TEST_TIMEOUT_SCALE: value })).toThrow(
      `TEST_TIMEOUT_SCALE must be a positive number, not "${value}"`,
    );
  });

  it('scales limits and test timeouts, which stay above the readiness limit', () => {
    expect(scaledMs(1000, { TEST_TIMEOUT_SCALE: '2.5' })).toBe(2500);
    const timeouts = testTimeouts({ TEST_TIMEOUT_SCALE: '2' });
    expect(timeouts.hookTimeout).toBeGreaterThan(2 * PROCESS_START_MS);
    expect(timeouts.testTimeout).toBe(timeouts.hookTimeout);
  });
});

describe('waitForOutput', () => {
  it('resolves with the match once the process prints it, on stderr as on stdout', async () => {
    const child = node(
      `console.log('starting'); setTimeout(() => console.error('listening on 127.0.0.1:4321'), 200); setTimeout(() => {}, 5000)`,
    );
    const ready = waitForOutput(child, 'the script', /listening on (\S+)/);
    expect((await ready)[1]).toBe('127.0.0.1:4321');
    expect(ready.output()).toContain('starting');
    child.kill();
  });

  it('rejects with what the process printed when it exits before it is ready', async () => {
    const child = node(`console.error('FATAL: no such folder'); process.exit(3)`);
    await expect(waitForOutput(child, 'the script', /ready/)).rejects.toThrow(
      /^the script exited \(3\) before it was ready; it printed:\nFATAL: no such folder$/,
    );
  });

  it('rejects after its limit, with what the process printed', async () => {
    const child = node(`console.log('Starting Prism…'); setTimeout(() => {}, 10000)`);
    const watch = watchOutput(child);
    await waitForOutput(child, 'the script', /Starting/, { watch }); // a busy machine may take a while
    await expect(waitForOutput(child, 'Prism', /listening/, { limitMs: 300, watch })).rejects.toThrow(
      /^Prism was not ready within 0\.3 s; it printed:\nStarting Prism…$/,
    );
    child.kill();
  });

  it('rejects when the program cannot start at all', async () => {
    const child = spawn('/nonexistent/program', [], { stdio: ['ignore', 'pipe', 'pipe'] });
    await expect(waitForOutput(child, 'the program', /ready/)).rejects.toThrow(
      /^the program could not start \(spawn \/nonexistent\/program ENOENT\); it printed: nothing$/,
    );
  });
});

describe('waitUntilReady', () => {
  it('asks until the check says yes, a failing check counting as not yet', async () => {
    const child = node(`setTimeout(() => {}, 5000)`);
    let asked = 0;
    await waitUntilReady(
      child,
      'the server',
      async () => {
        asked++;
        if (asked < 3) throw new Error('ECONNREFUSED');
        return true;
      },
      { intervalMs: 10 },
    );
    expect(asked).toBe(3);
    child.kill();
  });

  it('rejects when the process exits, or after its limit, with what it printed', async () => {
    const quitter = node(`console.log('bad config'); process.exit(1)`);
    await new Promise((resolve) => quitter.once('exit', resolve));
    await expect(waitUntilReady(quitter, 'Verdaccio', async () => false)).rejects.toThrow(
      /^Verdaccio exited \(1\) before it was ready; it printed/,
    );
    const silent = node(`setTimeout(() => {}, 5000)`);
    await expect(
      waitUntilReady(silent, 'Verdaccio', async () => false, { limitMs: 200, intervalMs: 20 }),
    ).rejects.toThrow(/^Verdaccio was not ready within 0\.2 s; it printed: nothing$/);
    silent.kill();
  });
});

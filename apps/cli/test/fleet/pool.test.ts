// The pool: never more in flight than its limit (read at every start), nothing started before its
// time, and a stop that lets what runs finish.
import { describe, expect, it } from 'vitest';
import { runPool } from '../../src/fleet/pool.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runPool', () => {
  it('keeps at most `limit` in flight, and runs every item', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await runPool(
      [1, 2, 3, 4, 5, 6, 7],
      { limit: () => 3, notBefore: () => 0, stopped: () => false },
      async (n) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await tick();
        inFlight--;
        done.push(n);
      },
    );
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads the limit at every start: lowered, it lets fewer start', async () => {
    let limit = 4;
    let inFlight = 0;
    const seen: number[] = [];
    await runPool(
      [1, 2, 3, 4, 5, 6, 7, 8],
      { limit: () => limit, notBefore: () => 0, stopped: () => false },
      async () => {
        inFlight++;
        seen.push(inFlight);
        limit = 1;
        await tick();
        inFlight--;
      },
    );
    // The first four started before the limit fell; after them, one at a time.
    expect(seen.slice(4).every((n) => n === 1)).toBe(true);
  });

  it('starts nothing before notBefore', async () => {
    const start = Date.now();
    const startedAt: number[] = [];
    await runPool(
      [1, 2],
      { limit: () => 2, notBefore: () => start + 150, stopped: () => false },
      async () => {
        startedAt.push(Date.now());
      },
    );
    expect(Math.min(...startedAt)).toBeGreaterThanOrEqual(start + 150);
  });

  it('on a stop, starts nothing more and waits for what runs', async () => {
    let stop = false;
    const finished: number[] = [];
    await runPool([1, 2, 3, 4, 5], { limit: () => 2, notBefore: () => 0, stopped: () => stop }, async (n) => {
      if (n === 2) stop = true;
      await tick();
      finished.push(n);
    });
    expect(finished.sort()).toEqual([1, 2]);
  });
});

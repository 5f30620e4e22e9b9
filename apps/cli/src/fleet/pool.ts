// Runs a piece of work per item with a bounded number in flight, a bound that may change as it runs
// (a PBX that answers 429 gets fewer), a time before which nothing new starts (its Retry-After), and
// a stop that lets what is in flight finish but starts nothing more (Ctrl-C).

export interface PoolControl {
  /** How many may be in flight now (at least 1). */
  limit(): number;
  /** Nothing new starts before this time (ms since the epoch); 0 for no wait. */
  notBefore(): number;
  /** Start nothing more: what is in flight finishes. */
  stopped(): boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once every started item finished; items not started (after a stop) are left alone. `work`
 * handles its own failures: one that rejects stops the pool.
 */
export async function runPool<T>(
  items: Iterable<T>,
  control: PoolControl,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const active = new Set<Promise<void>>();
  const iterator = items[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done && !control.stopped()) {
    const wait = control.notBefore() - Date.now();
    if (wait > 0) {
      // In slices, so that a stop is noticed; a piece of work that finished may move the time too.
      await Promise.race([sleep(Math.min(wait, 200)), ...active]);
      continue;
    }
    if (active.size >= Math.max(1, control.limit())) {
      await Promise.race(active);
      continue;
    }
    const item = next.value;
    const running = work(item).finally(() => active.delete(running));
    active.add(running);
    next = iterator.next();
  }
  await Promise.all(active);
}

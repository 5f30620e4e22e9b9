// getTenant() against a raw fetch of the same URL, against the same fetch given a timeout (an
// AbortController's signal and a timer: the least a call with a timeout costs), and against
// openapi-fetch's own GET (the library the client is built on): same server, same connection pool.
// The calls take turns one at a time, in a shuffled order each turn, so that a noisy moment of a shared
// machine falls on all of them alike: in blocks of 40 calls, seven runs of one build read 1.05–1.14×.
// The ratio is of the median call; the ratio of the mean call (GC pauses and stalls included) is
// reported beside it.

import createClient from 'openapi-fetch';
import { createTenantClient } from '../packages/client/dist/index.js';
import { median } from './median.mjs';
import { shuffled } from './shuffled.mjs';

export async function clientOverhead({ url, token, calls: count = 8000 }) {
  const headers = { Authorization: `Bearer ${token}` };
  const client = createTenantClient({ baseUrl: url, token });
  const plain = createClient({ baseUrl: url });
  const calls = {
    raw: async () => (await fetch(`${url}/tenant`, { headers })).json(),
    rawWithTimeout: async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      timer.unref(); // as the client's: a pending timeout must not keep a process alive
      const body = await (await fetch(`${url}/tenant`, { headers, signal: controller.signal })).json();
      clearTimeout(timer);
      return body;
    },
    openapiFetch: async () => (await plain.GET('/tenant', { headers })).data,
    client: () => client.getTenant(),
  };
  const names = Object.keys(calls);
  for (let i = 0; i < 1000; i++) for (const name of names) await calls[name](); // warm-up
  const took = Object.fromEntries(names.map((name) => [name, new Float64Array(count)]));
  for (let i = 0; i < count; i++) {
    for (const name of shuffled(names)) {
      const start = process.hrtime.bigint();
      await calls[name]();
      took[name][i] = Number(process.hrtime.bigint() - start) / 1e6;
    }
  }
  const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const ms = Object.fromEntries(names.map((name) => [name, median(took[name])]));
  const meanMs = Object.fromEntries(names.map((name) => [name, mean(took[name])]));
  const ratios = (per) => Object.fromEntries(names.map((name) => [name, per[name] / per.raw]));
  return { requests: count, ms, meanMs, ratio: ratios(ms), meanRatio: ratios(meanMs) };
}

// getTenant() against a raw fetch of the same URL and against openapi-fetch's own GET (the floor the
// client is built on): same server, same connection pool. Rounds interleave the three in a shuffled
// order; each round gives a ratio to raw fetch, and the median of the rounds is reported.

import createClient from 'openapi-fetch';
import { createTenantClient } from '../packages/client/dist/index.js';
import { median } from './median.mjs';

export async function clientOverhead({ url, token, rounds = 150, perRound = 40 }) {
  const headers = { Authorization: `Bearer ${token}` };
  const client = createTenantClient({ baseUrl: url, token });
  const plain = createClient({ baseUrl: url });
  const calls = {
    raw: async () => (await fetch(`${url}/tenant`, { headers })).json(),
    openapiFetch: async () => (await plain.GET('/tenant', { headers })).data,
    client: () => client.getTenant(),
  };
  for (let i = 0; i < 300; i++) for (const call of Object.values(calls)) await call(); // warm-up
  const ratios = { openapiFetch: [], client: [] };
  const totals = { raw: 0, openapiFetch: 0, client: 0 };
  for (let round = 0; round < rounds; round++) {
    const took = {};
    for (const [name, call] of Object.entries(calls).sort(() => Math.random() - 0.5)) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) await call();
      took[name] = Number(process.hrtime.bigint() - start) / 1e6;
      totals[name] += took[name];
    }
    ratios.openapiFetch.push(took.openapiFetch / took.raw);
    ratios.client.push(took.client / took.raw);
  }
  const n = rounds * perRound;
  return {
    requests: n,
    ms: { raw: totals.raw / n, openapiFetch: totals.openapiFetch / n, client: totals.client / n },
    ratio: { openapiFetch: median(ratios.openapiFetch), client: median(ratios.client) },
  };
}

// getTenant() against a raw fetch of the same URL, same server, same connection pool: batches
// alternate between the two so that noise falls on both alike.
import { createTenantClient } from '../packages/client/dist/index.js';

export async function clientOverhead({ url, token, batches = 20, perBatch = 100 }) {
  const client = createTenantClient({ baseUrl: url, token });
  const raw = async () => {
    const response = await fetch(`${url}/tenant`, { headers: { Authorization: `Bearer ${token}` } });
    await response.json();
  };
  const viaClient = () => client.getTenant();
  const totals = { raw: 0, client: 0 };
  for (let i = 0; i < 50; i++) await Promise.all([raw(), viaClient()]); // warm-up
  for (let batch = 0; batch < batches; batch++) {
    for (const [name, call] of batch % 2
      ? [
          ['raw', raw],
          ['client', viaClient],
        ]
      : [
          ['client', viaClient],
          ['raw', raw],
        ]) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < perBatch; i++) await call();
      totals[name] += Number(process.hrtime.bigint() - start) / 1e6;
    }
  }
  const n = batches * perBatch;
  return {
    rawMs: totals.raw / n,
    clientMs: totals.client / n,
    ratio: totals.client / totals.raw,
    requests: n,
  };
}

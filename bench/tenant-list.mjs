// GET /tenants over 10,000 tenants against over 100, on SQLite: the first page and the last, as a
// SystemAdmin. With an index on the creation order and on what a page filters by, a page costs about
// the same however many tenants there are; a full scan per page would make the last page of 10,000
// about a hundred times dearer.
import { load } from './http-load.mjs';
import { median } from './median.mjs';
import { startServerProcess } from './processes.mjs';
import { seededTenants as seeded, SYSTEM_ADMIN_TOKEN as TOKEN } from './seed-tenants.mjs';

/** Requests per second for the first and the last page of 100, each server over its tenants. */
export async function tenantListPages({ seconds = 3, rounds = 3, log = () => undefined } = {}) {
  const small = await startServerProcess({ dbPath: await seeded(100), args: ['--log-level', 'warn'] });
  const large = await startServerProcess({ dbPath: await seeded(10_000), args: ['--log-level', 'warn'] });
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const lines = {
    'first page of 100': { url: `${small.url}/tenants?skip=0&top=100`, headers },
    'first page of 10,000': { url: `${large.url}/tenants?skip=0&top=100`, headers },
    'last page of 10,000': { url: `${large.url}/tenants?skip=9900&top=100`, headers },
  };
  const results = Object.fromEntries(Object.keys(lines).map((name) => [name, []]));
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const [name, options] of Object.entries(lines)) {
        log(`tenant list ${round}/${rounds}: ${name} (${seconds} s)`);
        results[name].push(await load({ ...options, seconds }));
      }
    }
  } finally {
    await Promise.all([small.close(), large.close()]);
  }
  const ratio = (a, b) => median(results[a].map((r, i) => r.rps / results[b][i].rps));
  const mean = (name) => results[name].reduce((sum, r) => sum + r.rps, 0) / rounds;
  return {
    rps: Object.fromEntries(Object.keys(lines).map((name) => [name, mean(name)])),
    firstPage: ratio('first page of 10,000', 'first page of 100'),
    lastPage: ratio('last page of 10,000', 'first page of 100'),
  };
}

// What one PostgreSQL round trip costs here, against which a GET's time on PostgreSQL can be read: a
// bare `SELECT 1`, and the token-and-version query every GET makes (the store's findTokenOwner).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { openStore } from '../apps/server/dist/storage/open-store.js';

// The server's own driver (the bench has no dependencies of its own).
const pg = createRequire(new URL('../apps/server/package.json', import.meta.url))('pg');

/** `open`: the openStore of the store measured (another checkout's, for a before/after). */
export async function postgresRoundTrip(database, token, count = 2000, open = openStore) {
  const store = await open(database, { poolSize: 1 });
  const hash = createHash('sha256').update(token).digest();
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  const time = async (work) => {
    for (let i = 0; i < 200; i++) await work(); // warm-up
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await work();
    return Number(process.hrtime.bigint() - start) / 1e6 / count;
  };
  try {
    return {
      select1: await time(() => client.query('SELECT 1')),
      owner: await time(() => store.findTokenOwner(hash)),
    };
  } finally {
    await client.end();
    await store.close();
  }
}

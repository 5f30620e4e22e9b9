// The store before and after a change, in one run: the reference server of a baseline checkout (built)
// and of this one, side by side on both engines — GET and POST on SQLite and on PostgreSQL in
// interleaved, shuffled rounds, and PostgreSQL's token-and-version round trip (the query of every GET).
// `pnpm bench` runs it when BENCH_BASELINE names the baseline's folder; alone:
//   git worktree add ../baseline REF && (cd ../baseline && pnpm install --offline && pnpm build)
//   BENCH_BASELINE=../baseline node bench/store-before-after.mjs
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from './http-load.mjs';
import { median } from './median.mjs';
import { postgresRoundTrip } from './postgres-round-trip.mjs';
import { startServerProcess, startTestPostgres } from './processes.mjs';
import { shuffled } from './shuffled.mjs';

/** Ratios after ÷ before (throughput; round-trip time before ÷ after, so above 1 is always better). */
export async function storeBeforeAfter({ baseline, seconds, rounds, log }) {
  const root = resolve(baseline);
  const before = await import(pathToFileURL(`${root}/apps/server/dist/testing/index.js`).href);
  const beforeOpen = await import(pathToFileURL(`${root}/apps/server/dist/storage/open-store.js`).href);
  const postgres = await startTestPostgres();
  const servers = [];
  const start = async (fixture, options) => {
    const server = await fixture.startServerProcess({ args: ['--log-level', 'info'], ...options });
    servers.push(server);
    return server;
  };
  try {
    const [pgBefore, pgAfter] = [await postgres.createDatabase(), await postgres.createDatabase()];
    const sides = {
      before: {
        sqlite: await start(before),
        postgres: await start(before, { database: pgBefore }),
      },
      after: {
        sqlite: await start({ startServerProcess }),
        postgres: await start({ startServerProcess }, { database: pgAfter }),
      },
    };
    const body = JSON.stringify({ recording_retention: 90, enable_audio_recording: true });
    const requests = (server) => ({
      GET: { url: `${server.url}/tenant`, headers: { Authorization: `Bearer ${server.tenant.token}` } },
      POST: {
        url: `${server.url}/tenant`,
        method: 'POST',
        headers: { Authorization: `Bearer ${server.tenant.token}`, 'Content-Type': 'application/json' },
        body,
      },
    });
    // BENCH_STORE_ONLY=GET (or POST) measures one method, in more rounds for the same time.
    const only = process.env.BENCH_STORE_ONLY;
    const measured = ['GET sqlite', 'POST sqlite', 'GET postgres', 'POST postgres'].filter(
      (what) => !only || what.startsWith(`${only} `),
    );
    const lines = [];
    for (const side of ['before', 'after'])
      for (const engine of ['sqlite', 'postgres'])
        for (const [method, options] of Object.entries(requests(sides[side][engine])))
          if (measured.includes(`${method} ${engine}`))
            lines.push({ name: `${method} ${engine} ${side}`, options });
    const perRound = Object.fromEntries(lines.map(({ name }) => [name, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const { name, options } of shuffled(lines)) {
        log(`store before/after ${round}/${rounds}: ${name} (${seconds} s)`);
        perRound[name].push((await load({ ...options, seconds })).rps);
      }
    }
    const ratio = (what) =>
      median(perRound[`${what} after`].map((rps, i) => rps / (perRound[`${what} before`][i] ?? 1)));
    const mean = (name) => perRound[name].reduce((sum, rps) => sum + rps, 0) / rounds;
    log('store before/after: PostgreSQL token-and-version round trip');
    const trips = { before: [], after: [] };
    for (let i = 0; i < 3; i++) {
      for (const side of shuffled(['before', 'after'])) {
        const server = sides[side].postgres;
        const open = side === 'before' ? beforeOpen.openStore : undefined;
        trips[side].push((await postgresRoundTrip(server.dbPath, server.tenant.token, 2000, open)).owner);
      }
    }
    const rows = [];
    for (const what of measured) {
      rows.push([
        `${what}: after ÷ before the change`,
        `${Math.round(mean(`${what} after`))} vs ${Math.round(mean(`${what} before`))} req/s`,
        '',
        `${ratio(what).toFixed(2)}×`,
      ]);
    }
    const tripBefore = median(trips.before);
    const tripAfter = median(trips.after);
    rows.push([
      'PostgreSQL token-and-version round trip, before ÷ after',
      `${tripAfter.toFixed(3)} ms vs ${tripBefore.toFixed(3)} ms`,
      '',
      `${(tripBefore / tripAfter).toFixed(2)}×`,
    ]);
    return rows;
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await postgres.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const baseline = process.env.BENCH_BASELINE;
  if (!baseline) throw new Error('BENCH_BASELINE: the folder of a built checkout to compare with');
  const rows = await storeBeforeAfter({
    baseline,
    seconds: Number(process.env.BENCH_SECONDS ?? 3),
    rounds: Number(process.env.BENCH_ROUNDS ?? 6),
    log: (text) => process.stderr.write(`${text}\n`),
  });
  process.stdout.write(
    `| measurement | figure | | ratio |\n| --- | --- | --- | --- |\n${rows.map((row) => `| ${row.join(' | ')} |`).join('\n')}\n`,
  );
}

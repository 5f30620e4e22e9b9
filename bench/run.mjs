// `pnpm bench`: every figure side by side in one run, written to bench/results.md. Loopback only.
// Needs a build first (`pnpm build`); takes a few minutes.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startPrism } from '../packages/mock/dist/index.js';
import { cliStartup } from './cli-startup.mjs';
import { clientOverhead } from './client-overhead.mjs';
import { fleetBench } from './fleet.mjs';
import { load, loadSpread } from './http-load.mjs';
import { median } from './median.mjs';
import { postgresRoundTrip } from './postgres-round-trip.mjs';
import { startBareServer, startServerProcess, startTestPostgres } from './processes.mjs';
import { shuffled } from './shuffled.mjs';
import { storeBeforeAfter } from './store-before-after.mjs';
import { tenantListPages } from './tenant-list.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
// Six rounds: one GET line's per-round ratios ran from 0.53× to 0.84× in a run, and the median of four
// such moved by ±0.1 from run to run.
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const log = (text) => process.stderr.write(`${text}\n`);

// Production logging (a line per request at info) stays on; one server without it says what it costs.
const full = await startServerProcess({ args: ['--log-level', 'info'] });
const quiet = await startServerProcess({ args: ['--log-level', 'warn'] });
const normal = await startServerProcess({ args: ['--log-level', 'info', '--synchronous', 'NORMAL'] });
const auth = (server) => ({ Authorization: `Bearer ${server.tenant.token}` });
const tenantBody = await (await fetch(`${full.url}/tenant`, { headers: auth(full) })).text();
const bare = await startBareServer(tenantBody);
const prism = await startPrism();
// PostgreSQL: one replica, and three on one database (the first seeds; the others share its tenants).
const postgres = await startTestPostgres();
const pgDatabase = await postgres.createDatabase();
const pgReplicas = [await startServerProcess({ database: pgDatabase, args: ['--log-level', 'info'] })];
for (let i = 0; i < 2; i++) {
  pgReplicas.push(
    await startServerProcess({
      database: pgDatabase,
      seeded: pgReplicas[0].tenants,
      args: ['--log-level', 'info'],
    }),
  );
}
const [pg1] = pgReplicas;

const rows = [];
const targets = [];
let trips;
const target = (what, value, goal, met) =>
  targets.push(`| ${what} | ${value.toFixed(2)}× | ${goal} | ${met ? 'met' : '**not met**'} |`);
try {
  const postBody = JSON.stringify({ recording_retention: 90, enable_audio_recording: true });
  const post = (server) => ({
    url: `${server.url}/tenant`,
    method: 'POST',
    headers: { ...auth(server), 'Content-Type': 'application/json' },
    body: postBody,
  });
  const runs = {
    'GET bare node:http (ceiling)': { url: `${bare.url}/tenant` },
    'GET reference server': { url: `${full.url}/tenant`, headers: auth(full) },
    'GET reference server, no request log': { url: `${quiet.url}/tenant`, headers: auth(quiet) },
    'GET Prism mock': { url: `${prism.url}/tenant`, headers: { Authorization: 'Bearer any' } },
    'POST bare node:http (ceiling)': { url: `${bare.url}/tenant`, method: 'POST', body: postBody },
    'POST reference server, synchronous=FULL': post(full),
    'POST reference server, synchronous=NORMAL': post(normal),
    'GET PostgreSQL, 1 replica': { url: `${pg1.url}/tenant`, headers: auth(pg1) },
    'GET PostgreSQL, 3 replicas': {
      spread: pgReplicas.map((replica) => ({ url: `${replica.url}/tenant`, headers: auth(pg1) })),
    },
    'POST PostgreSQL, 1 replica': post(pg1),
    'POST PostgreSQL, 3 replicas': {
      spread: pgReplicas.map((replica) => ({ ...post(pg1), url: `${replica.url}/tenant` })),
    },
  };
  // Rounds interleave the lines, so that a noisy moment falls on all of them alike, each round in a
  // shuffled order, so that no line always follows the same one (PostgreSQL's background work after its
  // POST lines, say); each ratio below is the median of its per-round ratios, the throughputs the means.
  const perRound = Object.fromEntries(Object.keys(runs).map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, options] of shuffled(Object.entries(runs))) {
      log(`load ${round}/${rounds}: ${name} (${seconds} s)`);
      perRound[name].push(
        options.spread ? await loadSpread(options.spread, { seconds }) : await load({ ...options, seconds }),
      );
    }
  }
  const mean = (name, key) => perRound[name].reduce((sum, r) => sum + r[key], 0) / rounds;
  const ratio = (a, b) => median(perRound[a].map((r, i) => r.rps / (perRound[b][i]?.rps ?? 1)));
  for (const name of Object.keys(runs)) {
    rows.push([
      name,
      `${Math.round(mean(name, 'rps'))} req/s`,
      `p99 ${Math.max(...perRound[name].map((r) => r.p99))} ms`,
      '',
    ]);
  }
  const getRatio = ratio('GET reference server', 'GET bare node:http (ceiling)');
  rows.push(
    ['GET reference server ÷ bare', '', '', `${getRatio.toFixed(2)}× (target ≥ 0.6×)`],
    [
      'GET without the request log ÷ with it',
      '',
      '',
      `${ratio('GET reference server, no request log', 'GET reference server').toFixed(2)}×`,
    ],
    [
      'GET reference server ÷ Prism',
      '',
      '',
      `${ratio('GET reference server', 'GET Prism mock').toFixed(2)}×`,
    ],
    [
      'POST FULL ÷ POST NORMAL',
      '',
      '',
      `${ratio('POST reference server, synchronous=FULL', 'POST reference server, synchronous=NORMAL').toFixed(2)}×`,
    ],
    [
      'POST FULL ÷ bare POST',
      '',
      '',
      `${ratio('POST reference server, synchronous=FULL', 'POST bare node:http (ceiling)').toFixed(2)}×`,
    ],
  );
  rows.push(
    [
      'GET PostgreSQL 1 replica ÷ GET SQLite',
      '',
      '',
      `${ratio('GET PostgreSQL, 1 replica', 'GET reference server').toFixed(2)}×`,
    ],
    [
      'GET PostgreSQL 3 replicas ÷ 1 replica',
      '',
      '',
      `${ratio('GET PostgreSQL, 3 replicas', 'GET PostgreSQL, 1 replica').toFixed(2)}×`,
    ],
    [
      'POST PostgreSQL 1 replica ÷ POST SQLite (FULL)',
      '',
      '',
      `${ratio('POST PostgreSQL, 1 replica', 'POST reference server, synchronous=FULL').toFixed(2)}×`,
    ],
    [
      'POST PostgreSQL 3 replicas ÷ 1 replica',
      '',
      '',
      `${ratio('POST PostgreSQL, 3 replicas', 'POST PostgreSQL, 1 replica').toFixed(2)}×`,
    ],
  );
  log('PostgreSQL round trips: SELECT 1 and the GET query, sequential');
  trips = await postgresRoundTrip(pgDatabase, pg1.tenant.token);
  rows.push(
    ['PostgreSQL `SELECT 1` round trip (sequential, pooled)', `${trips.select1.toFixed(3)} ms`, '', ''],
    ['PostgreSQL token-and-version query of a GET (sequential)', `${trips.owner.toFixed(3)} ms`, '', ''],
  );
  target('GET reference server ÷ bare node:http', getRatio, '≥ 0.6×', getRatio >= 0.6);

  const pages = await tenantListPages({ seconds, rounds: Math.max(2, rounds - 1), log });
  rows.push(
    [
      'GET /tenants first page of 100 tenants (SQLite)',
      `${Math.round(pages.rps['first page of 100'])} req/s`,
      '',
      '',
    ],
    [
      'GET /tenants first page, 10,000 tenants ÷ 100 tenants',
      '',
      '',
      `${pages.firstPage.toFixed(2)}× (target ≈ 1×: an index, no scan)`,
    ],
    [
      'GET /tenants last page (skip=9900) of 10,000 ÷ first page of 100',
      '',
      '',
      `${pages.lastPage.toFixed(2)}× (target ≈ 1×)`,
    ],
  );

  const fleet = await fleetBench({ log, rounds: Math.max(2, rounds - 1) });
  const fleetRatio = fleet.fleet1000Ms / fleet.applyOneMs;
  const pacedRatio = fleet.concurrency1Ms / fleet.concurrency8Ms;
  const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
  rows.push(
    ['`tenantctl apply` of one tenant (wall, median)', `${fleet.applyOneMs.toFixed(0)} ms`, '', 'baseline'],
    [
      '`tenantctl fleet apply` of 1,000 tenants (wall, median)',
      `${(fleet.fleet1000Ms / 1000).toFixed(2)} s`,
      '',
      `${fleetRatio.toFixed(1)}× one apply (target ≤ 15×)`,
    ],
    [
      '`fleet plan` peak RSS, 1,000 vs 10,000 tenants',
      `${mib(fleet.planRssKiB.thousand)} vs ${mib(fleet.planRssKiB.tenThousand)}`,
      '',
      `${(fleet.planRssKiB.tenThousand / fleet.planRssKiB.thousand).toFixed(2)}× for 10× the tenants`,
    ],
    [
      '`fleet apply` of 200 tenants behind a 20 ms proxy, --concurrency 1 ÷ 8',
      `${(fleet.concurrency1Ms / 1000).toFixed(1)} s vs ${(fleet.concurrency8Ms / 1000).toFixed(1)} s`,
      '',
      `${pacedRatio.toFixed(1)}× (target ≥ 5×)`,
    ],
  );
  target('fleet apply of 1,000 ÷ one apply', fleetRatio, '≤ 15×', fleetRatio <= 15);
  target('fleet --concurrency 8 speed-up (20 ms away)', pacedRatio, '≥ 5×', pacedRatio >= 5);

  if (process.env.BENCH_BASELINE) {
    rows.push(
      ...(await storeBeforeAfter({
        baseline: process.env.BENCH_BASELINE,
        seconds,
        rounds: Math.max(2, rounds - 1),
        log,
      })),
    );
  }

  log('client overhead: getTenant(), a fetch with a timeout and openapi-fetch vs raw fetch');
  const overhead = await clientOverhead({ url: full.url, token: full.tenant.token });
  const perCall = (name) =>
    `${overhead.ms[name].toFixed(3)} ms vs ${overhead.ms.raw.toFixed(3)} ms (mean ${overhead.meanMs[name].toFixed(3)} vs ${overhead.meanMs.raw.toFixed(3)})`;
  const ratios = (name) =>
    `${overhead.ratio[name].toFixed(2)}× (mean ${overhead.meanRatio[name].toFixed(2)}×)`;
  rows.push(
    [
      `raw fetch with a timeout vs raw fetch (${overhead.requests} calls each, one at a time in turn)`,
      perCall('rawWithTimeout'),
      '',
      `${ratios('rawWithTimeout')} (the floor of any call with a timeout)`,
    ],
    [
      `openapi-fetch GET vs raw fetch (${overhead.requests} calls each)`,
      perCall('openapiFetch'),
      '',
      `${ratios('openapiFetch')} (openapi-fetch alone, no timeout)`,
    ],
    [
      `getTenant() vs raw fetch (${overhead.requests} calls each)`,
      perCall('client'),
      '',
      `${ratios('client')} (target ≤ 1.1×)`,
    ],
  );
  target('getTenant() ÷ raw fetch', overhead.ratio.client, '≤ 1.1×', overhead.ratio.client <= 1.1);

  log('CLI start-up');
  const cli = cliStartup([
    {
      name: 'tenantctl get -o json',
      args: ['get', '-o', 'json'],
      env: { TENANTCTL_URL: full.url, TENANTCTL_TOKEN: full.tenant.token },
    },
  ]);
  for (const [name, ms, r] of cli) {
    rows.push([
      `${name} (wall, median)`,
      `${ms.toFixed(1)} ms`,
      '',
      name === 'node -e 0' ? 'baseline' : `${r.toFixed(2)}× node -e 0`,
    ]);
    if (name === 'tenantctl get -o json')
      target('`tenantctl get -o json` ÷ `node -e 0`', r, '≤ 1.5×', r <= 1.5);
  }
} finally {
  await Promise.all([
    full.close(),
    quiet.close(),
    normal.close(),
    prism.stop(),
    ...pgReplicas.map((r) => r.close()),
  ]);
  await postgres.stop();
  bare.stop();
}

const table = (header, lines) => [header, header.replace(/[^|]+/g, '---'), ...lines].join('\n');
const text = `# Benchmark results

Produced by \`pnpm bench\` (\`node bench/run.mjs\`, after \`pnpm build\`) on ${new Date().toISOString().slice(0, 10)},
Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}. Loopback only; every server in its
own process, with its production log line per request unless said otherwise; autocannon with 10
connections, ${rounds} interleaved rounds of ${seconds} s per line, each round in a shuffled order (throughput the mean, p99 the worst round,
ratios the median of the per-round ratios). The client's calls take turns one at a time against the reference
server; their ratio is of the median call, with the mean call's beside it. Shared machines are noisy:
compare ratios, not absolute numbers.

## Targets

${table('| ratio | this run | target | |', targets)}

## Every figure

${table(
  '| measurement | figure | latency | ratio |',
  rows.map((row) => `| ${row.join(' | ')} |`),
)}

## PostgreSQL: where the time goes

A GET on PostgreSQL makes one round trip to the database: the token's owner and its tenant's version in
one prepared statement (${trips?.owner.toFixed(3)} ms here, sequential, against ${trips?.select1.toFixed(3)} ms for a bare \`SELECT 1\`;
before the statement was prepared, planning it doubled that and GET throughput was a quarter of
SQLite's). On SQLite the same answer comes from memory after a \`PRAGMA data_version\`, which no replica
can trust: only the database knows what another replica wrote. The body is serialized again only when
that version moved. A POST is one \`UPDATE … RETURNING\` committed by PostgreSQL (fsync on commit).
Three replicas on this ${os.cpus().length}-core machine share it with PostgreSQL and the load generator, so they add
no throughput here (the run is CPU-bound); on machines of their own each replica brings its CPU and the
database round trip is the floor of a request.

## The two targets: ideas measured (December 2026)

Each measured side by side on this machine: throughput in interleaved rounds against bare \`node:http\`
(the ratio is what counts; absolute figures moved by ±30% between rounds here), and where a ratio
was too noisy, the CPU time per request of the process (\`/proc/PID/stat\`, or \`process.cpuUsage()\`),
which steal time and the load generator do not inflate. Kept or dropped:

| idea | measured | verdict |
| ---- | -------- | ------- |
| \`GET /tenant\` answered straight from node:http when the token's owner and the body for its version are in memory; anything else through fastify | 0.32× → 0.55×; CPU per GET 77 → 48 µs (bare 22 µs, a minimal fastify route 34 µs) | kept: the same answer to the byte (a test compares both paths), CORS, HEAD, a query, an unknown token, a moved version and a closing server go through fastify |
| one \`PRAGMA data_version\` read per event-loop turn, made once every request of the turn has arrived (their answers wait for it) | part of the row above; the read had been 13% of a GET's CPU | kept: each request still sees every commit that ended before it was sent (tested with a second connection) |
| the token's hash kept with the keep-alive connection, keyed by its \`Authorization\` header | 0.55× → 0.72× (6 rounds, 0.66–0.77×) | kept: a changed header is hashed again; nothing is shared between connections |
| the previous session's arrival stamp (share a read begun after a request arrived) | the stamp was taken in the same synchronous step as the read, so no two requests ever shared one | dropped for the per-turn read |
| the request log written to stdout at most once a millisecond, every line since the last write, instead of once per turn of the event loop (a system call every few requests: 1.9 µs of a GET's 45 µs in a CPU profile, the biggest difference between logging and not) | GET ÷ bare in three paired runs of five 3 s rounds, a server each way: 0.56, 0.63, 0.84 → 0.74, 0.78, 0.74 | kept: a line waits a millisecond at most, and closing the server writes what is left; a crash may lose the last millisecond's lines, as it could lose the last turn's before |
| the request line written by hand in pino's format instead of through pino | 0.24 µs against 0.8 µs a line (500,000 lines each, three rounds), ~1.5% of a GET's CPU | dropped: a second writer of pino's format for too little |
| the GET body kept as bytes, sent with its length | kept from before | kept |
| no request log line | the "GET without the request log" row above | not an option: the log line is the production configuration |
| client: typed methods build plain requests (a header record, the JSON text) instead of fetch \`Request\`s, and \`getTenant()\` sends one straight to the transport | CPU per call 1.40× → 1.15–1.22× of raw fetch (openapi-fetch alone 1.05–1.24×); wall 1.25× → 1.06–1.13× | kept: a \`Request\` cost a second parse of URL and headers and an AbortSignal of its own (transferable on Node 20); the public \`raw\` client still builds real Requests, for middleware |
| client: what the timeout itself costs — a raw \`fetch\` given an AbortController's signal and a timer, against the same fetch without | CPU per call 1.14–1.15× of raw fetch, wall 1.05×; \`getTenant()\` 1.15–1.20× CPU and 1.12× wall, openapi-fetch's own GET 1.22–1.30× CPU (two runs of 8,000 calls each, interleaved, on 2026-12-07) | kept: it is the guarantee that a hung PBX fails a call after \`timeoutMs\`; the client's own work over a raw fetch with a timeout is the 1–4% left, and the wall ratio moves with openapi-fetch's own floor from run to run (floor 1.05–1.23×, \`getTenant()\` 1.06–1.14×, below the floor in the last run) |
| client: the attempt's timer stopped once the body is read (\`bodyRead\`) instead of left running (unreferenced) for \`timeoutMs\` | GC per 15,000 \`getTenant()\` calls 689–952 → 580–864 ms in three paired runs, one process each (major collections mostly 66–142 → 47–49 ms: the running timer had kept each attempt's AbortController and fetch's request alive into the old generation); CPU per call within the noise | kept: the timeout still covers reading the body (tested), and stops only when it is read |
| client: a plain object with \`aborted\` and \`addEventListener\` as the deadline instead of an AbortController (undici takes non-native signals) | CPU 1.17–1.21× and wall 1.15–1.17× of raw fetch, against 0.96–1.11× and 0.98–1.07× for a real AbortController's signal in the same runs | dropped: dearer (undici's listener set-up fails and recovers for an object that is not an EventTarget), and it leans on an undici leniency |
| client: a fixed token taken as it is returned instead of awaited (a provider's promise still is), and \`getTenant()\` reading its answer in one async function (no \`runCall\` closure, no \`ETag\` lookup it would throw away) | \`getTenant()\` ÷ raw fetch from \`bench/client-overhead.mjs\` against the reference server, three runs each, minutes apart: 1.13, 1.11, 1.12 → 1.07, 1.09, 1.07 (openapi-fetch's floor 1.10–1.15 in both); 10,000 calls interleaved one by one against bare \`node:http\`: 1.10–1.12 → 1.075–1.08, where a raw fetch with a timeout is 1.05 | kept: the same errors, tested for a getToken that throws, rejects, or gives a malformed token, at once or through a promise |
| client: what \`getTenant()\` adds over a raw \`fetch\` with a timeout, taken apart (5,000 calls each, interleaved one by one, three runs) | the plain request, header record, \`bodyRead\`'s WeakMap and the fetch wrapper together +1.2%; the two async layers +0.5%; the transport's loop, token and status checks +0.9% | nothing left to take: no step is worth more than about 1% |
| client: one timeout signal shared by the requests of 100 ms | CPU 1.04–1.34× of raw against 1.03–1.10× for a signal per request | dropped: no clear gain, and a timeout no longer exact |

What remains of a reference GET by CPU profile: the socket write (as for the bare server), the
\`data_version\` read per turn, the log line (a write per turn), and parsing the request. What remains of
\`getTenant()\` over raw fetch: one AbortController and timer per attempt (the timeout; without it a hung
PBX would hold a call for ever), and linking its signal inside fetch.
`;
const resultsFile = new URL('results.md', import.meta.url);
await writeFile(resultsFile, text);
// Tables aligned as `pnpm lint` wants them (biome formats Markdown here).
spawnSync('pnpm', ['exec', 'biome', 'format', '--write', fileURLToPath(resultsFile)], { stdio: 'ignore' });
console.log(text);

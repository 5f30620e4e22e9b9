// `pnpm bench`: every figure side by side in one run, written to bench/results.md. Loopback only.
// Needs a build first (`pnpm build`); takes about two minutes.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { startPrism } from '../packages/mock/dist/index.js';
import { cliStartup } from './cli-startup.mjs';
import { clientOverhead } from './client-overhead.mjs';
import { load } from './http-load.mjs';
import { startBareServer, startReferenceServer } from './processes.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const log = (text) => process.stderr.write(`${text}\n`);

const full = await startReferenceServer({ synchronous: 'FULL' });
const normal = await startReferenceServer({ synchronous: 'NORMAL' });
const auth = (token) => ({ Authorization: `Bearer ${token}` });
const tenantBody = await (await fetch(`${full.url}/tenant`, { headers: auth(full.token) })).text();
const bare = await startBareServer(tenantBody);
const prism = await startPrism();

const rows = [];
try {
  const postBody = JSON.stringify({ recording_retention: 90, enable_audio_recording: true });
  const post = (server) => ({
    url: `${server.url}/tenant`,
    method: 'POST',
    headers: { ...auth(server.token), 'Content-Type': 'application/json' },
    body: postBody,
  });
  const runs = {
    'GET bare node:http (ceiling)': { url: `${bare.url}/tenant` },
    'GET reference server': { url: `${full.url}/tenant`, headers: auth(full.token) },
    'GET Prism mock': { url: `${prism.url}/tenant`, headers: auth('any') },
    'POST bare node:http (ceiling)': { url: `${bare.url}/tenant`, method: 'POST', body: postBody },
    'POST reference server, synchronous=FULL': post(full),
    'POST reference server, synchronous=NORMAL': post(normal),
  };
  // Two rounds, the lines interleaved, averaged: a noisy moment then falls on every line alike.
  const http = {};

  for (let round = 1; round <= rounds; round++) {
    for (const [name, options] of Object.entries(runs)) {
      log(`load ${round}/${rounds}: ${name} (${seconds} s)`);
      const result = await load({ ...options, seconds });
      const sum = http[name] ?? { rps: 0, p99: 0 };
      http[name] = { rps: sum.rps + result.rps / rounds, p99: Math.max(sum.p99, result.p99) };
    }
  }
  const ratio = (a, b) => http[a].rps / http[b].rps;
  rows.push(
    ...Object.entries(http).map(([name, r]) => [name, `${Math.round(r.rps)} req/s`, `p99 ${r.p99} ms`, '']),
    [
      'GET reference server ÷ bare',
      '',
      '',
      `${ratio('GET reference server', 'GET bare node:http (ceiling)').toFixed(2)}× (target ≥ 0.6×)`,
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

  log('client overhead: getTenant() vs raw fetch');
  const overhead = await clientOverhead({ url: full.url, token: full.token });
  rows.push([
    `getTenant() vs raw fetch (${overhead.requests} sequential each)`,
    `${overhead.clientMs.toFixed(3)} ms vs ${overhead.rawMs.toFixed(3)} ms`,
    '',
    `${overhead.ratio.toFixed(2)}× (target ≤ 1.1×)`,
  ]);

  log('CLI start-up');
  const cli = cliStartup([
    {
      name: 'tenantctl get -o json',
      args: ['get', '-o', 'json'],
      env: { TENANTCTL_URL: full.url, TENANTCTL_TOKEN: full.token },
    },
  ]);
  for (const [name, ms, r] of cli) {
    rows.push([
      `${name} (wall, median)`,
      `${ms.toFixed(1)} ms`,
      '',
      name === 'node -e 0' ? 'baseline' : `${r.toFixed(2)}× node -e 0`,
    ]);
  }
} finally {
  for (const server of [full, normal, bare]) server.stop();
  await prism.stop();
}

const table = [
  '| measurement | figure | latency | ratio |',
  '|---|---|---|---|',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n');
const text = `# Benchmark results

Produced by \`pnpm bench\` (\`node bench/run.mjs\`, after \`pnpm build\`) on ${new Date().toISOString().slice(0, 10)},
Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}. Loopback only; every server in
its own process; autocannon with 10 connections, ${rounds} interleaved rounds of ${seconds} s per line
(throughput averaged, p99 the worse round). Ratios compare figures of this same
run. Shared machines are noisy: compare ratios, not absolute numbers.

${table}
`;
await writeFile(new URL('results.md', import.meta.url), text);
console.log(text);

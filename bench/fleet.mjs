// Fleet runs against the reference server (SQLite), with the built binary as an operator runs it:
// - `fleet apply` over 1,000 tenants ÷ one `tenantctl apply` of one tenant: the cost per tenant is a
//   request, not a process (target ≤ 15×);
// - the peak RSS of `fleet plan` over 1,000 and 10,000 tenants (pages streamed: memory stays flat);
// - `--concurrency 8` ÷ `--concurrency 1` behind a proxy that delays every request 20 ms (target ≥ 5×).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './median.mjs';
import { startServerProcess, startTestProxy } from './processes.mjs';
import { SYSTEM_ADMIN_TOKEN, seededTenants } from './seed-tenants.mjs';

const tenantctl = fileURLToPath(new URL('../apps/cli/dist/tenantctl.js', import.meta.url));
const rssProbe = fileURLToPath(new URL('rss-probe.cjs', import.meta.url));

/** A folder with a config whose default profile is `url` with the SystemAdmin's token, and a fleet file. */
function workspace(url, value) {
  const folder = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const config = join(folder, 'config.json');
  writeFileSync(config, JSON.stringify({ profiles: { default: { url, token: SYSTEM_ADMIN_TOKEN } } }), {
    mode: 0o600,
  });
  const fleet = join(folder, 'fleet.yaml');
  writeFileSync(fleet, `tenants:\n  - match: { name: "shop-*" }\n    set: { log_retention: ${value} }\n`);
  return { config, fleet };
}

/**
 * Wall time of one run of the binary (ms), failing loudly on an unexpected exit. Asynchronous: the
 * delaying proxy runs in this process and must go on serving while the binary runs.
 */
async function timed(args, env, expected = [0], probe = false) {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(probe ? ['--require', rssProbe] : []), tenantctl, ...args], {
    env: { ...process.env, ...env },
    // The output of 10,000 tenants is not wanted: only stderr (the probe, errors) is read.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const status = await new Promise((resolve) => child.on('close', resolve));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!expected.includes(status)) throw new Error(`tenantctl ${args.join(' ')} exited ${status}: ${stderr}`);
  const rss = /maxRSS (\d+)/.exec(stderr)?.[1];
  return { ms, rssKiB: rss ? Number(rss) : undefined };
}

export async function fleetBench({ log = () => undefined, rounds = 3 } = {}) {
  const thousand = await startServerProcess({
    dbPath: await seededTenants(1000),
    args: ['--log-level', 'warn'],
  });
  const tenThousand = await startServerProcess({
    dbPath: await seededTenants(10_000),
    args: ['--log-level', 'warn'],
  });
  const proxy = await startTestProxy({ target: thousand.url, delayMs: 20 });
  try {
    // One tenant's own apply, as a shell loop would run it per tenant.
    const folder = mkdtempSync(join(tmpdir(), 'bench-apply-'));
    const one = join(folder, 'one.yaml');
    const single = [];
    for (let i = 0; i < rounds * 3; i++) {
      writeFileSync(one, `log_retention: ${100 + i}\n`);
      single.push(
        (
          await timed(['apply', '-f', one], {
            TENANTCTL_URL: thousand.url,
            TENANTCTL_TOKEN: thousand.tenant.token,
            TENANTCTL_CONFIG: join(folder, 'none.json'),
          })
        ).ms,
      );
    }
    const fleetRuns = [];
    for (let round = 0; round < rounds; round++) {
      log(`fleet apply of 1,000 tenants ${round + 1}/${rounds}`);
      const { config, fleet } = workspace(thousand.url, 200 + round);
      fleetRuns.push(
        (await timed(['fleet', 'apply', '-f', fleet, '--yes', '-o', 'json'], { TENANTCTL_CONFIG: config }))
          .ms,
      );
    }
    log('fleet plan: peak RSS over 1,000 and 10,000 tenants');
    const plan1k = await timed(
      ['fleet', 'plan', '-f', workspace(thousand.url, 999).fleet, '-o', 'json'],
      { TENANTCTL_CONFIG: workspace(thousand.url, 999).config },
      [1],
      true,
    );
    const w10k = workspace(tenThousand.url, 999);
    const plan10k = await timed(
      ['fleet', 'plan', '-f', w10k.fleet, '-o', 'json'],
      { TENANTCTL_CONFIG: w10k.config },
      [1],
      true,
    );
    log('fleet apply of 200 tenants behind a 20 ms proxy: --concurrency 1 and 8');
    const paced = { 1: [], 8: [] };
    const names = Array.from({ length: 200 }, (_, i) => `shop-${String(i).padStart(5, '0')}`);
    for (let round = 0; round < rounds; round++) {
      for (const concurrency of [1, 8]) {
        const w = workspace(proxy.url, 300 + round * 2 + (concurrency === 8 ? 1 : 0));
        writeFileSync(
          w.fleet,
          `tenants:\n  - match: [${names.join(', ')}]\n    set: { log_retention: ${300 + round * 2 + (concurrency === 8 ? 1 : 0)} }\n`,
        );
        paced[concurrency].push(
          (
            await timed(
              ['fleet', 'apply', '-f', w.fleet, '--yes', '--concurrency', String(concurrency), '-o', 'json'],
              { TENANTCTL_CONFIG: w.config },
            )
          ).ms,
        );
      }
    }
    return {
      applyOneMs: median(single),
      fleet1000Ms: median(fleetRuns),
      planRssKiB: { thousand: plan1k.rssKiB, tenThousand: plan10k.rssKiB },
      planMs: { thousand: plan1k.ms, tenThousand: plan10k.ms },
      concurrency1Ms: median(paced[1]),
      concurrency8Ms: median(paced[8]),
    };
  } finally {
    await proxy.close();
    await Promise.all([thousand.close(), tenThousand.close()]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await fleetBench({ log: console.error }), null, 2));
}

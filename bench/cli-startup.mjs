// `tenantctl --help` (and `explain`, which needs the spec's schemas) against a bare `node -e 0`.
import { fileURLToPath } from 'node:url';
import { measureCommands } from './measure-commands.mjs';

const tenantctl = fileURLToPath(new URL('../apps/cli/dist/tenantctl.js', import.meta.url));

/** Rows of [what, median ms, ratio to node -e 0]. Extra commands (e.g. `get -o json`) can be added. */
export function cliStartup(extra = []) {
  const results = measureCommands([
    { name: 'node -e 0', command: [process.execPath, '-e', '0'] },
    { name: 'tenantctl --help', command: [process.execPath, tenantctl, '--help'] },
    { name: 'tenantctl explain name', command: [process.execPath, tenantctl, 'explain', 'name'] },
    ...extra.map((e) => ({ ...e, command: [process.execPath, tenantctl, ...e.args] })),
  ]);
  const base = results.get('node -e 0').medianMs;
  return [...results].map(([name, r]) => [name, r.medianMs, r.medianMs / base]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, ms, ratio] of cliStartup())
    console.log(`${name.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×`);
}

// `tenantctl` start-up against a bare `node -e 0`: `--help`, `explain` (the spec's metadata, no server)
// and, given a server, `get -o json`. Each command runs once first, so that its code cache exists, as it
// does for an operator after the first run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { measureCommands } from './measure-commands.mjs';

const tenantctl = fileURLToPath(new URL('../apps/cli/dist/tenantctl.js', import.meta.url));

/** Rows of [what, median ms, ratio to node -e 0]. */
export function cliStartup(extra = []) {
  const commands = [
    { name: 'node -e 0', command: [process.execPath, '-e', '0'] },
    { name: 'tenantctl --help', command: [process.execPath, tenantctl, '--help'] },
    { name: 'tenantctl explain name', command: [process.execPath, tenantctl, 'explain', 'name'] },
    ...extra.map((e) => ({ ...e, command: [process.execPath, tenantctl, ...e.args] })),
  ];
  for (const c of commands)
    spawnSync(c.command[0], c.command.slice(1), { env: { ...process.env, ...c.env }, stdio: 'ignore' });
  const results = measureCommands(commands);
  const base = results.get('node -e 0').medianMs;
  return [...results].map(([name, r]) => [name, r.medianMs, r.medianMs / base]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, ms, ratio] of cliStartup())
    console.log(`${name.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}×`);
}

import { computeChanges, printChanges } from '../changes.js';
import type { CommandDeps } from '../command-deps.js';
import { ExitCode, type ExitCodeValue } from '../exit-error.js';
import type { DiffOptions } from '../program.js';
import { settingsFromFile } from '../settings-input.js';

/** `tenantctl diff -f FILE|-`: what `apply` would change; exit 0 when nothing, 1 when something (like diff). */
export async function run(options: DiffOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { desired } = await settingsFromFile(options.file, options.dropReadOnly === true, deps);
  const client = await deps.connect(options);
  const changes = computeChanges(await client.getTenant(), desired?.fields ?? {});
  printChanges(changes, deps.io);
  return changes.length > 0 ? ExitCode.refused : ExitCode.ok;
}

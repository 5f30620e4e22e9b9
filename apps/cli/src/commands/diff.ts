import { computeChanges, printChanges } from '../changes.js';
import type { CommandDeps } from '../command-deps.js';
import { ExitCode, type ExitCodeValue } from '../exit-error.js';
import type { DiffOptions } from '../program.js';
import { settingsFromFile } from '../settings-input.js';
import { openTarget } from '../tenant-target.js';
import { updateSchemaOf } from './update-settings.js';

/**
 * `tenantctl diff -f FILE|-`: what `apply` would change; exit 0 when nothing, 5 (drift) when something.
 * A failure keeps its own code (1, 3, 4), so a script tells drift from an outage.
 */
export async function run(options: DiffOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { desired } = await settingsFromFile(
    options.file,
    options.dropReadOnly === true,
    deps,
    updateSchemaOf(options),
  );
  const target = await openTarget(await deps.connect(options), options, deps);
  const changes = computeChanges((await target.read()).tenant, desired?.fields ?? {});
  printChanges(changes, deps.io);
  return changes.length > 0 ? ExitCode.drift : ExitCode.ok;
}

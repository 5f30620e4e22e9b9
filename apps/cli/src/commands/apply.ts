import type { CommandDeps } from '../command-deps.js';
import type { ExitCodeValue } from '../exit-error.js';
import type { ApplyOptions } from '../program.js';
import { settingsFromFile } from '../settings-input.js';
import { updateSchemaOf, updateSettings } from './update-settings.js';

/** `tenantctl apply -f FILE|-`: the file's settable fields, only those that differ are sent. */
export async function run(options: ApplyOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { desired, dropped } = await settingsFromFile(
    options.file,
    options.dropReadOnly === true,
    deps,
    updateSchemaOf(options),
  );
  if (dropped.length > 0) deps.io.err(`Ignoring ${dropped.length} read-only field(s): ${dropped.join(', ')}`);
  return updateSettings(desired, { dryRun: options.dryRun === true, flags: options }, deps);
}

import type { CommandDeps } from '../command-deps.js';
import type { ExitCodeValue } from '../exit-error.js';
import type { SetOptions } from '../program.js';
import { settingsFromAssignments } from '../settings-input.js';
import { updateSchemaOf, updateSettings } from './update-settings.js';

/** `tenantctl set KEY=VALUE…`: every pair typed by the spec and validated together before anything is sent. */
export async function run(options: SetOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const desired = await settingsFromAssignments(options.assignments, deps, updateSchemaOf(options));
  return updateSettings(desired, { dryRun: options.dryRun === true, flags: options }, deps);
}

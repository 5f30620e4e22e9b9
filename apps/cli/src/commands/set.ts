import type { ConnectionFlags } from '../connection.js';
import type { ExitCodeValue } from '../exit-error.js';
import type { Io } from '../io.js';
import { settingsFromAssignments } from '../settings-input.js';
import { updateSettings } from './update-settings.js';

/** `tenantctl set KEY=VALUE…`: every pair typed by the spec and validated together before anything is sent. */
export async function run(
  assignments: string[],
  options: { dryRun?: boolean } & ConnectionFlags,
  io: Io,
): Promise<ExitCodeValue> {
  const desired = await settingsFromAssignments(assignments, io);
  return updateSettings(desired, { dryRun: options.dryRun === true, flags: options }, io);
}

import type { ConnectionFlags } from '../connection.js';
import type { ExitCodeValue } from '../exit-error.js';
import type { Io } from '../io.js';
import { settingsFromFile } from '../settings-input.js';
import { updateSettings } from './update-settings.js';

/** `tenantctl apply -f FILE|-`: the file's settable fields, only those that differ are sent. */
export async function run(
  options: { file: string; dryRun?: boolean; dropReadOnly?: boolean } & ConnectionFlags,
  io: Io,
): Promise<ExitCodeValue> {
  const { desired, dropped } = await settingsFromFile(options.file, options.dropReadOnly === true, io);
  if (dropped.length > 0) io.err(`Ignoring ${dropped.length} read-only field(s): ${dropped.join(', ')}`);
  return updateSettings(desired, { dryRun: options.dryRun === true, flags: options }, io);
}

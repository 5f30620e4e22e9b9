import { computeChanges, printChanges } from '../changes.js';
import { type ConnectionFlags, connect } from '../connection.js';
import { ExitCode, type ExitCodeValue } from '../exit-error.js';
import type { Io } from '../io.js';
import { settingsFromFile } from '../settings-input.js';

/** `tenantctl diff -f FILE|-`: what `apply` would change; exit 0 when nothing, 1 when something (like diff). */
export async function run(
  options: { file: string; dropReadOnly?: boolean } & ConnectionFlags,
  io: Io,
): Promise<ExitCodeValue> {
  const { desired } = await settingsFromFile(options.file, options.dropReadOnly === true, io);
  const { client } = await connect(options, io);
  const changes = computeChanges(await client.getTenant(), desired);
  printChanges(changes, io);
  return changes.length > 0 ? ExitCode.refused : ExitCode.ok;
}

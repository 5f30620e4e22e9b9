// The read-then-write behind `set` and `apply`: fetch with the ETag, show the diff, send only what
// changes, with If-Match so that two operators cannot silently overwrite each other.
import { computeChanges, printChanges } from '../changes.js';
import { type ConnectionFlags, connect } from '../connection.js';
import { ExitCode, type ExitCodeValue } from '../exit-error.js';
import type { Io } from '../io.js';

export async function updateSettings(
  desired: Record<string, unknown>,
  options: { dryRun: boolean; flags: ConnectionFlags },
  io: Io,
): Promise<ExitCodeValue> {
  const { client } = await connect(options.flags, io);
  const { tenant, etag } = await client.getTenantWithETag();
  const changes = computeChanges(tenant, desired);
  if (changes.length === 0) {
    io.err('No changes: the tenant already has these settings.');
    return ExitCode.ok;
  }
  printChanges(changes, io);
  if (options.dryRun) {
    io.err(`Dry run: ${changes.length} change(s) shown, nothing sent.`);
    return ExitCode.ok;
  }
  const patch = Object.fromEntries(changes.map((change) => [change.field, change.to]));
  await client.updateTenant(patch, etag ? { ifMatch: etag } : {});
  io.err(`Updated ${changes.length} field(s).`);
  return ExitCode.ok;
}

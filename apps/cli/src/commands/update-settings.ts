// The read-then-write behind `set` and `apply`: fetch with the ETag, show the diff, send only what
// changes, with If-Match so that two operators cannot silently overwrite each other.
import type { CheckedTenantUpdate } from '@tenantctl/client';
import { computeChanges, printChanges } from '../changes.js';
import type { CommandDeps } from '../command-deps.js';
import type { ConnectionFlags } from '../connection.js';
import { ExitCode, type ExitCodeValue } from '../exit-error.js';

export async function updateSettings(
  desired: CheckedTenantUpdate | undefined,
  options: { dryRun: boolean; flags: ConnectionFlags },
  deps: CommandDeps,
): Promise<ExitCodeValue> {
  const { io } = deps;
  const client = await deps.connect(options.flags);
  const { tenant, etag } = await client.getTenantWithETag();
  const changes = computeChanges(tenant, desired?.fields ?? {});
  const patch = desired?.pick(changes.map((change) => change.field));
  if (!patch) {
    io.err('No changes: the tenant already has these settings.');
    return ExitCode.ok;
  }
  printChanges(changes, io);
  if (options.dryRun) {
    io.err(`Dry run: ${changes.length} change(s) shown, nothing sent.`);
    return ExitCode.ok;
  }
  await client.updateTenant(patch, etag ? { ifMatch: etag } : {});
  io.err(`Updated ${changes.length} field(s).`);
  return ExitCode.ok;
}

// The read-then-write behind `set` and `apply`: fetch with the ETag, show the diff, send only what
// changes, with If-Match so that two operators cannot silently overwrite each other. The tenant is the
// token's, or the one `--tenant` names (then by id, with the fields that operation takes).
import type { CheckedTenantUpdate, UpdateSchema } from '@tenantctl/client';
import { computeChanges, printChanges } from '../changes.js';
import type { CommandDeps } from '../command-deps.js';
import type { ConnectionFlags } from '../connection.js';
import { ExitCode, type ExitCodeValue } from '../exit-error.js';
import type { SettingsFromTenant } from '../settings-input.js';
import { openTarget } from '../tenant-target.js';

/** The update schema a command checks against: by id when `--tenant` names a tenant. */
export const updateSchemaOf = (flags: { tenant?: string }): UpdateSchema =>
  flags.tenant === undefined ? 'TenantUpdate' : 'TenantAdminUpdate';

export async function updateSettings(
  wanted: CheckedTenantUpdate<UpdateSchema> | SettingsFromTenant | undefined,
  options: { dryRun: boolean; flags: ConnectionFlags & { tenant?: string } },
  deps: CommandDeps,
): Promise<ExitCodeValue> {
  const { io } = deps;
  const client = await deps.connect(options.flags);
  const target = await openTarget(client, options.flags, deps, { write: !options.dryRun });
  const { tenant, etag } = await target.read();
  const desired = typeof wanted === 'function' ? await wanted(tenant) : wanted;
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
  await target.update(patch, etag);
  io.err(
    `Updated ${changes.length} field(s)${target.schema === 'TenantUpdate' ? '' : ` of ${target.label}`}.`,
  );
  return ExitCode.ok;
}

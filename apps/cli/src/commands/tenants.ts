// `tenantctl tenants list|create|delete`: the PBX's tenant collection, for its SystemAdmin and its
// Dealers. Every command keeps the names it saw for shell completion (see tenant-names-cache.ts).
import type { TenantSummary } from '@tenantctl/client';
import type { CommandDeps } from '../command-deps.js';
import type { ConnectionFlags } from '../connection.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import { loadYaml } from '../load-yaml.js';
import type { TenantsCreateOptions, TenantsDeleteOptions, TenantsListOptions } from '../program.js';
import { fieldsFromAssignments, mappingFromFile } from '../settings-input.js';
import { cachedNames, updateNames } from '../tenant-names-cache.js';
import { namesCacheOf, resolveTenant } from '../tenant-target.js';

/** `tenants list`: every page, as a table that fits the terminal, or JSON/YAML (an array of summaries). */
export async function list(options: TenantsListOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const client = await deps.connect(options);
  const selection = {
    ...(options.search === undefined ? {} : { search: options.search }),
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(options.orderBy === undefined ? {} : { orderBy: options.orderBy }),
  };
  const tenants: TenantSummary[] = [];
  for await (const tenant of client.listTenants(selection)) tenants.push(tenant);
  const cache = await namesCacheOf(options, deps);
  if (cache) {
    const names = tenants
      .map((tenant) => tenant.name)
      .filter((name): name is string => typeof name === 'string');
    const whole = options.search === undefined && options.filter === undefined;
    await updateNames(cache.path, cache.url, whole ? { all: names } : { add: names });
  }
  if (options.output === 'json') io.out(JSON.stringify(tenants, null, 2));
  else if (options.output === 'yaml') io.out((await loadYaml()).stringify(tenants));
  else {
    const { renderTenantList } = await import('../render-tenant-list.js');
    if (tenants.length > 0) io.out(renderTenantList(tenants, io));
    io.err(`${tenants.length} tenant(s)`);
  }
  return ExitCode.ok;
}

/** `tenants create`: from `--name` and `KEY=VALUE`s, or a file (`--name` and the pairs win over it). */
export async function create(options: TenantsCreateOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  if (options.file === undefined && options.name === undefined) {
    throw usageError('give the new tenant a --name NAME (and KEY=VALUE fields), or a file: -f FILE');
  }
  const tenant = {
    ...(options.file === undefined ? {} : await mappingFromFile(options.file, deps)),
    ...(await fieldsFromAssignments(options.assignments, deps)),
    ...(options.name === undefined ? {} : { name: options.name }),
  };
  // The client checks it against the spec's TenantCreate before sending: a bad field is exit 2.
  const client = await deps.connect(options);
  const { id } = await client.createTenant(tenant as Parameters<typeof client.createTenant>[0]);
  const name = String(tenant.name);
  const cache = await namesCacheOf(options, deps);
  if (cache) await updateNames(cache.path, cache.url, { add: [name] });
  io.out(id);
  io.err(`Created tenant "${name}" (${id}).`);
  return ExitCode.ok;
}

/** `tenants delete ID|NAME`: asks on a terminal; elsewhere only with `--yes`. */
export async function remove(options: TenantsDeleteOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  if (!options.yes && !io.prompter) {
    throw usageError('there is no terminal to ask on: pass --yes to delete without asking');
  }
  const client = await deps.connect(options);
  const { id, name } = await resolveTenant(client, options.tenant, options, deps, { write: true });
  if (!options.yes && io.prompter) {
    const answer = await io.prompter.ask(
      `Delete tenant "${name}" (${id}) with its users, sessions and API tokens? This cannot be undone. [y/N] `,
    );
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.err('Nothing was deleted.');
      return ExitCode.ok;
    }
  }
  await client.deleteTenant(id);
  const cache = await namesCacheOf(options, deps);
  if (cache) await updateNames(cache.path, cache.url, { remove: [name] });
  io.err(`Deleted tenant "${name}" (${id}).`);
  return ExitCode.ok;
}

/** `tenants names` (hidden, for completion): the names kept for this server; exit 1 when not fresh. */
export async function names(options: ConnectionFlags, deps: CommandDeps): Promise<ExitCodeValue> {
  const cache = await namesCacheOf(options, deps);
  if (!cache) return ExitCode.refused;
  const kept = await cachedNames(cache.path, cache.url);
  if (kept.names.length > 0) deps.io.out(kept.names.join('\n'));
  return kept.fresh ? ExitCode.ok : ExitCode.refused;
}

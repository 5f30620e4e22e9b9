// The tenant a command acts on: the token's own (`/tenant`), or one of the PBX's tenants named with
// `--tenant ID|NAME` (`/tenants/{id}`, for a SystemAdmin or a Dealer). Each has its own update schema,
// so `set`, `apply` and `diff` check against the fields that operation takes.
import type { CheckedTenantUpdate, TenantClient, UpdateSchema } from '@tenantctl/client';
import type { CommandDeps } from './command-deps.js';
import { configPath, readConfig } from './config-file.js';
import { type ConnectionFlags, chooseConnection } from './connection.js';
import { usageError } from './exit-error.js';
import { namesCachePath, updateNames } from './tenant-names-cache.js';

export interface TenantTarget {
  /** The update schema: `TenantUpdate` for the token's tenant, `TenantAdminUpdate` by id. */
  readonly schema: UpdateSchema;
  /** For messages: `the tenant`, or `tenant "Acme" (ID)`. */
  readonly label: string;
  read(): Promise<{ tenant: Record<string, unknown>; etag: string | undefined }>;
  update(patch: CheckedTenantUpdate<UpdateSchema>, ifMatch: string | undefined): Promise<void>;
}

export interface NamedTenant {
  id: string;
  name: string;
}

/** A name as a quoted string of the list filter's grammar (a quote inside doubled). */
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Most tenants a "did you mean", or a name's matches, reads through; past this, it stops. */
const NEAR_NAMES_SCAN = 10_000;

/** Where this connection's tenant names are kept, for completion (see tenant-names-cache.ts). */
export async function namesCacheOf(flags: ConnectionFlags, deps: Pick<CommandDeps, 'io'>) {
  const file = configPath(deps.io.env);
  const { url } = chooseConnection(flags, deps.io.env, (await readConfig(file)).profiles);
  return url ? { path: namesCachePath(file), url } : undefined;
}

/** `id:X` and `name:X` force one reading of a `--tenant`; any other text may be either. */
function readingOf(text: string): { text: string; as?: 'id' | 'name' } {
  const forced = /^(id|name):(.*)$/s.exec(text);
  return forced ? { text: forced[2] ?? '', as: forced[1] as 'id' | 'name' } : { text };
}

/** The tenant of that id, if the server knows one (a 404 is "none", anything else an error). */
async function tenantById(client: TenantClient, id: string): Promise<NamedTenant | undefined> {
  const { TenantNotFoundError } = await import('@tenantctl/client');
  try {
    const tenant = await client.getTenantById(id);
    return { id, name: typeof tenant.name === 'string' ? tenant.name : '' };
  } catch (error) {
    if (error instanceof TenantNotFoundError) return undefined;
    throw error;
  }
}

/**
 * The tenants whose name is exactly `name`, as the server spells them: the list's filter only narrows
 * what is read (a PBX, or a mock, may match more loosely), the names it returns decide.
 */
async function tenantsNamed(client: TenantClient, name: string): Promise<NamedTenant[]> {
  const named: NamedTenant[] = [];
  let scanned = 0;
  for await (const tenant of client.listTenants({ filter: `name eq ${quoted(name)}` })) {
    if (tenant.name === name) named.push({ id: String(tenant.id), name });
    if (++scanned >= NEAR_NAMES_SCAN) break;
  }
  return named;
}

const described = (tenant: NamedTenant) => `"${tenant.name}" (${tenant.id})`;

/**
 * The tenant `idOrName` names. An id the server knows always means that tenant, whatever others are
 * named; a text that is one tenant's id and another's name is refused as ambiguous when the command
 * changes something (`write`), since acting on the wrong one cannot be taken back. `id:X` and `name:X`
 * force one reading. None, or several of one name, is a usage error (exit 2) naming what to choose from.
 */
export async function resolveTenant(
  client: TenantClient,
  idOrName: string,
  flags: ConnectionFlags,
  deps: Pick<CommandDeps, 'io'>,
  { write = false }: { write?: boolean } = {},
): Promise<NamedTenant> {
  const { text, as } = readingOf(idOrName);
  const { isPathId } = await import('@tenantctl/schema/fields');
  const byId = as !== 'name' && isPathId(text) ? await tenantById(client, text) : undefined;
  const named = as === 'id' ? [] : (await tenantsNamed(client, text)).filter((t) => t.id !== byId?.id);
  if (byId) {
    if (named.length > 0) {
      const both = `"${text}" is the id of tenant ${described(byId)} and the name of ${named.map(described).join(', ')}`;
      if (write) throw usageError(`${both}: say which with --tenant id:${text} or --tenant name:${text}`);
      deps.io.err(`tenantctl: ${both}: reading the tenant of that id (--tenant name:${text} for the other)`);
    }
    return byId;
  }
  const [only, ...others] = named;
  if (only && others.length === 0) return only;
  if (only) {
    throw usageError(
      `${named.length} tenants are named "${text}": name one by its id (${named.map((t) => t.id).join(', ')})`,
    );
  }
  if (as === 'id') {
    throw usageError(`no tenant has the id "${text}" (tenantctl tenants list shows them all)`);
  }
  const names: string[] = [];
  for await (const tenant of client.listTenants()) {
    if (typeof tenant.name === 'string') names.push(tenant.name);
    if (names.length >= NEAR_NAMES_SCAN) break;
  }
  const cache = await namesCacheOf(flags, deps);
  if (cache && names.length < NEAR_NAMES_SCAN) await updateNames(cache.path, cache.url, { all: names });
  const { nearMatches } = await import('@tenantctl/schema/fields');
  const near = nearMatches(text, names);
  throw usageError(
    `no tenant is named "${text}"${as === 'name' ? '' : ' or has that id'}${near.length > 0 ? `; near: ${near.join(', ')}` : ''} (tenantctl tenants list shows them all)`,
  );
}

/** The tenant of the token, or the one `--tenant` names (`write`: for a command that changes it). */
export async function openTarget(
  client: TenantClient,
  flags: ConnectionFlags & { tenant?: string },
  deps: Pick<CommandDeps, 'io'>,
  { write = false }: { write?: boolean } = {},
): Promise<TenantTarget> {
  if (flags.tenant === undefined) {
    return {
      schema: 'TenantUpdate',
      label: 'the tenant',
      read: () => client.getTenantWithETag(),
      async update(patch, ifMatch) {
        await client.updateTenant(patch as CheckedTenantUpdate, ifMatch ? { ifMatch } : {});
      },
    };
  }
  const { id, name } = await resolveTenant(client, flags.tenant, flags, deps, { write });
  return {
    schema: 'TenantAdminUpdate',
    label: `tenant "${name}" (${id})`,
    read: () => client.getTenantByIdWithETag(id),
    async update(patch, ifMatch) {
      await client.updateTenantById(
        id,
        patch as CheckedTenantUpdate<'TenantAdminUpdate'>,
        ifMatch ? { ifMatch } : {},
      );
    },
  };
}

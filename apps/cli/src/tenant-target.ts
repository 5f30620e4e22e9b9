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

/** What an id looks like in a URL (the spec's PathId): worth trying as an id when no name matches. */
const looksLikeId = (text: string) => /^[A-Za-z0-9_=+-]{1,128}$/.test(text);

/** Most tenants a "did you mean" reads through; past this, it names none. */
const NEAR_NAMES_SCAN = 10_000;

/** Where this connection's tenant names are kept, for completion (see tenant-names-cache.ts). */
export async function namesCacheOf(flags: ConnectionFlags, deps: Pick<CommandDeps, 'io'>) {
  const file = configPath(deps.io.env);
  const { url } = chooseConnection(flags, deps.io.env, (await readConfig(file)).profiles);
  return url ? { path: namesCachePath(file), url } : undefined;
}

/**
 * The tenant `idOrName` names: the one tenant of that name, else the one of that id. None or several
 * is a usage error (exit 2) naming the near names or the ids to choose from.
 */
export async function resolveTenant(
  client: TenantClient,
  idOrName: string,
  flags: ConnectionFlags,
  deps: Pick<CommandDeps, 'io'>,
): Promise<NamedTenant> {
  const named = await client.listTenantsPage({ filter: `name eq ${quoted(idOrName)}`, top: 10 });
  const [only] = named.items;
  if (named.count === 1 && only) return { id: String(only.id), name: String(only.name) };
  if (named.count > 1) {
    const ids = named.items.map((tenant) => tenant.id).join(', ');
    throw usageError(
      `${named.count} tenants are named "${idOrName}": name one by its id (${ids}${named.count > named.items.length ? ', …' : ''})`,
    );
  }
  if (looksLikeId(idOrName)) {
    const { TenantNotFoundError } = await import('@tenantctl/client');
    try {
      const tenant = await client.getTenantById(idOrName);
      return { id: idOrName, name: String(tenant.name ?? idOrName) };
    } catch (error) {
      if (!(error instanceof TenantNotFoundError)) throw error;
    }
  }
  const names: string[] = [];
  for await (const tenant of client.listTenants()) {
    if (typeof tenant.name === 'string') names.push(tenant.name);
    if (names.length >= NEAR_NAMES_SCAN) break;
  }
  const cache = await namesCacheOf(flags, deps);
  if (cache && names.length < NEAR_NAMES_SCAN) await updateNames(cache.path, cache.url, { all: names });
  const { nearMatches } = await import('@tenantctl/schema/fields');
  const near = nearMatches(idOrName, names);
  throw usageError(
    `no tenant is named "${idOrName}" or has that id${near.length > 0 ? `; near: ${near.join(', ')}` : ''} (tenantctl tenants list shows them all)`,
  );
}

/** The tenant of the token, or the one `--tenant` names. */
export async function openTarget(
  client: TenantClient,
  flags: ConnectionFlags & { tenant?: string },
  deps: Pick<CommandDeps, 'io'>,
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
  const { id, name } = await resolveTenant(client, flags.tenant, flags, deps);
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

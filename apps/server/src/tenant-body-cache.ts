// The GET /tenant body and its ETag per tenant, kept for the version they were made from: a GET
// serializes only when the version moved, whoever wrote it. Kept as bytes, sent with their length.
import { unauthorized } from './api-errors.js';
import type { TenantStore, TokenOwner } from './storage/tenant-store.js';
import { etagOf, toTenantBody } from './tenant-representation.js';

interface TenantBody {
  version: number;
  body: Buffer;
  etag: string;
}

export interface TenantBodyCache {
  /** The body for the owner's tenant at the owner's version, made from the store when not kept. */
  get(owner: TokenOwner): Promise<TenantBody>;
  /** The body kept for exactly that version, or undefined: never any I/O. */
  peek(owner: TokenOwner): TenantBody | undefined;
}

export function createTenantBodyCache(
  store: Pick<TenantStore, 'readTenant' | 'instanceId'>,
): TenantBodyCache {
  const kept = new Map<string, TenantBody>();
  const peek = ({ tenantId, version }: TokenOwner) => {
    const body = kept.get(tenantId);
    return body?.version === version ? body : undefined;
  };
  return {
    peek,
    async get(owner) {
      const found = peek(owner);
      if (found) return found;
      const tenant = await store.readTenant(owner.tenantId);
      if (!tenant) throw unauthorized(); // the token's tenant is gone
      const made = {
        version: tenant.version,
        body: Buffer.from(JSON.stringify(toTenantBody(tenant))),
        etag: etagOf(tenant.version, store.instanceId),
      };
      kept.set(owner.tenantId, made);
      return made;
    },
  };
}

// `GET /tenant/status` on the reference server: what it knows of a tenant's use (its users, its
// licence) and its own version as the PBX's; it carries no calls, so their counts are 0.
import { specInfo, type TenantStatus } from '@tenantctl/schema';
import type { StoredTenant } from '../storage/tenant-store.js';

/** The version the reference server reports as its PBX's: the spec it serves. */
export const referencePbxVersion = `tenantctl-reference ${specInfo.version}`;

/**
 * The status body, typed as the spec's `TenantStatus` with every property present: a property the spec
 * adds, renames or drops fails the build instead of going missing from the answer.
 */
export function tenantStatus(tenant: StoredTenant, users: number): Required<TenantStatus> {
  const licensed = tenant.settings.max_extensions;
  return {
    version: referencePbxVersion,
    calls_in_24_hours: [],
    current_calls: 0,
    current_conference_rooms: 0,
    current_ivrs: 0,
    current_queues: 0,
    current_ring_groups: 0,
    current_trunks: 0,
    current_users: users,
    licensed_users: typeof licensed === 'number' ? licensed : 0,
    online_users: 0,
  };
}

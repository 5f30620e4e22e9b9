// `GET /tenant/status` on the reference server: what it knows of a tenant's use (its users, its
// licence) and its own version as the PBX's; it carries no calls, so their counts are 0.
import { specInfo } from '@tenantctl/schema';
import type { StoredTenant } from '../storage/tenant-store.js';

/** The version the reference server reports as its PBX's: the spec it serves. */
export const referencePbxVersion = `tenantctl-reference ${specInfo.version}`;

export function tenantStatus(tenant: StoredTenant, users: number): Record<string, unknown> {
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

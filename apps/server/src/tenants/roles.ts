// The roles that reach the tenant collection: the spec's built-in SystemAdmin and Dealer. A role is
// matched by name in any case (the reference server's tenant users are `admin`, the vendor's `Admin`).
import type { Role } from '@tenantctl/schema';

export type SystemRole = Extract<Role, 'SystemAdmin' | 'Dealer'>;

const systemRoles: readonly SystemRole[] = ['SystemAdmin', 'Dealer'];

/** The system role a user's role names, or undefined for a tenant's own role. */
export function systemRole(role: string): SystemRole | undefined {
  return systemRoles.find((name) => name.toLowerCase() === role.toLowerCase());
}

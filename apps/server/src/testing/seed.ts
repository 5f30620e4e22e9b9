// Tenants with a token each, created through the admin operations (as an operator would).
import { createTenant, createToken } from '../admin.js';
import type { AdminStore } from '../storage/tenant-store.js';

export interface SeededTenant {
  id: string;
  name: string;
  /** An API token of the tenant (shown once, stored hashed). */
  token: string;
}

export async function seedTenants(store: AdminStore, names: readonly string[]): Promise<SeededTenant[]> {
  const seeded: SeededTenant[] = [];
  for (const name of names) {
    const { id } = await createTenant(store, name);
    seeded.push({ id, name, token: (await createToken(store, id)).token });
  }
  return seeded;
}

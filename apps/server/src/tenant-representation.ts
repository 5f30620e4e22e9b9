// How a stored tenant becomes the spec's `Tenant` body and its ETag, and a new tenant's defaults.
import { tenantFieldNames, tenantFields } from '@tenantctl/schema';
import type { StoredTenant, TenantSettings } from './storage/tenant-store.js';

/** A new tenant's settings: the spec's default for every field that has one, blank (`null`) otherwise. */
export function defaultSettings(name: string): TenantSettings {
  const settings: TenantSettings = {};
  for (const field of tenantFields()) {
    if (field.name !== 'id') settings[field.name] = field.default ?? null;
  }
  settings.name = name;
  return settings;
}

/** The `GET /tenant` body: every `Tenant` field in the spec's order, `null` where blank. */
export function toTenantBody(tenant: Pick<StoredTenant, 'id' | 'settings'>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of tenantFieldNames())
    body[name] = name === 'id' ? tenant.id : (tenant.settings[name] ?? null);
  return body;
}

/**
 * The strong ETag of a tenant at a version: `"<version>-<instance>"`. Every write increments the
 * version, so the tag changes exactly when the stored tenant does; the store's instance id keeps tags
 * of two databases apart.
 */
export function etagOf(version: number, instanceId: string): string {
  return `"${version}-${instanceId}"`;
}

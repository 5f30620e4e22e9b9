// How a stored tenant becomes the spec's bodies (`Tenant`, `TenantDetails`, `TenantSummary`) and its
// ETag, a dealer its `Dealer`, and a new tenant's defaults.
import {
  type Dealer,
  tenantDetailsFieldNames,
  tenantFieldNames,
  tenantFields,
  tenantSummaryFieldNames,
} from '@tenantctl/schema';
import type { StoredTenant, TenantRow, TenantSettings, UserRecord } from './storage/tenant-store.js';

/** Fields the store keeps as columns of the tenant's row, never in its settings. */
const rowColumns = new Set(['id', 'created_at']);

/** A new tenant's settings: the spec's default for every field that has one, blank (`null`) otherwise. */
export function defaultSettings(name: string): TenantSettings {
  const settings: TenantSettings = {};
  for (const field of tenantFields()) {
    if (!rowColumns.has(field.name)) settings[field.name] = field.default ?? null;
  }
  settings.name = name;
  return settings;
}

/** A body of these fields, in their order: the row's columns, then its settings, `null` where blank. */
function bodyOf(names: readonly string[], tenant: TenantRow): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of names) {
    body[name] =
      name === 'id' ? tenant.id : name === 'created_at' ? tenant.createdAt : (tenant.settings[name] ?? null);
  }
  return body;
}

/** The `GET /tenants/{id}` body. */
export const toTenantDetailsBody = (tenant: TenantRow) => bodyOf(tenantDetailsFieldNames(), tenant);

/** One item of `GET /tenants`. */
export const toTenantSummary = (tenant: TenantRow) => bodyOf(tenantSummaryFieldNames(), tenant);

/**
 * A dealer as `GET /tenants/{id}/dealers` shows it: the reference server's dealers are all resellers.
 * Typed as the spec's `Dealer`, so a property or a level the spec no longer has fails the build.
 */
export function toDealer(user: UserRecord): Required<Dealer> {
  return { id: user.id, name: user.username, display_name: user.username, enabled: true, level: 'RESELLER' };
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

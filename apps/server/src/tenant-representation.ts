// How a stored tenant becomes the spec's `Tenant` body, its ETag, and a new tenant's defaults.
import { createHash } from 'node:crypto';
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
export function toTenantBody(tenant: StoredTenant): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of tenantFieldNames())
    body[name] = name === 'id' ? tenant.id : (tenant.settings[name] ?? null);
  return body;
}

/** A strong ETag of the serialized representation: it changes exactly when the body does. */
export function etagOf(bodyText: string): string {
  return `"${createHash('sha256').update(bodyText).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 If-Match: `*` or a list of strong tags, one of which must be the current one. */
export function ifMatchHolds(header: string, currentEtag: string): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === currentEtag);
}

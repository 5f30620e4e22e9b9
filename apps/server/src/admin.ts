// Admin operations behind `tenant-server tenants|tokens …`: plain functions over a store, for the CLI and tests.
import {
  fieldInfo,
  parseFieldValue,
  settableFieldNames,
  tenantFieldNames,
  validateTenant,
} from '@tenantctl/schema';
import type { StoredTenant, TenantStore } from './storage/tenant-store.js';
import { defaultSettings, toTenantBody } from './tenant-representation.js';
import { hashToken, newToken } from './tokens.js';

export class AdminError extends Error {}

export function createTenant(store: TenantStore, name: string): StoredTenant {
  if (name.trim() === '') throw new AdminError('--name must not be empty');
  const settings = defaultSettings(name);
  const checked = validateTenant({ id: 'x', ...settings });
  if (!checked.valid) throw new AdminError(checked.violations.map((v) => v.message).join('\n'));
  return store.createTenant(settings);
}

/** A new token for the tenant; the token itself is returned once and stored only as its hash. */
export function createToken(store: TenantStore, tenantId: string): { tokenId: string; token: string } {
  if (!store.readTenant(tenantId)) throw new AdminError(`no tenant with id ${tenantId}`);
  const token = newToken();
  return { tokenId: store.addToken(tenantId, hashToken(token)), token };
}

/** The system-side fields an operator sets for a tenant: those GET returns but POST cannot set. */
export function systemFieldNames(): string[] {
  const settable = new Set(settableFieldNames());
  return tenantFieldNames().filter((name) => name !== 'id' && !settable.has(name));
}

/** Sets system-side fields from `KEY=VALUE` pairs, typed and validated by the spec, all or none. */
export function setLimits(
  store: TenantStore,
  tenantId: string,
  assignments: readonly string[],
): StoredTenant {
  const current = store.readTenant(tenantId);
  if (!current) throw new AdminError(`no tenant with id ${tenantId}`);
  if (assignments.length === 0) throw new AdminError('give at least one KEY=VALUE');
  const allowed = new Set(systemFieldNames());
  const patch: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    const key = eq < 0 ? assignment : assignment.slice(0, eq);
    const info = fieldInfo(key);
    if (eq < 0) throw new AdminError(`"${assignment}" is not KEY=VALUE`);
    if (!info || !allowed.has(key)) {
      throw new AdminError(
        `${key}: not a system-side field; these are: ${[...allowed].join(', ')} (settable fields go through POST /tenant)`,
      );
    }
    patch[key] = parseFieldValue(info, assignment.slice(eq + 1));
  }
  const checked = validateTenant(toTenantBody({ ...current, settings: { ...current.settings, ...patch } }));
  if (!checked.valid) throw new AdminError(checked.violations.map((v) => v.message).join('\n'));
  const result = store.mergeSettings(tenantId, patch);
  if (result.outcome !== 'updated') throw new AdminError(`no tenant with id ${tenantId}`);
  return result.tenant;
}

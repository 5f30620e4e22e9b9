// Admin operations behind `tenant-server tenants|tokens …`: plain functions over a store, for the CLI and tests.
import {
  AssignmentSyntaxError,
  formatViolations,
  parseAssignment,
  readOnlyFieldNames,
  validateTenant,
  validateValue,
} from '@tenantctl/schema';
import { hashPassword } from './auth/passwords.js';
import type { AdminStore, CollectionStore, StoredTenant, UserRecord } from './storage/tenant-store.js';
import { defaultSettings, toTenantBody } from './tenant-representation.js';
import { systemRole } from './tenants/roles.js';
import { hashToken, newToken } from './tokens.js';

export class AdminError extends Error {}

const invalid = (violations: Parameters<typeof formatViolations>[0]) =>
  new AdminError(`invalid values, nothing was changed:\n${formatViolations(violations)}`);

export async function createTenant(store: AdminStore, name: string): Promise<StoredTenant> {
  if (name.trim() === '') throw new AdminError('--name must not be empty');
  const settings = defaultSettings(name);
  const checked = validateTenant({ id: 'x', ...settings });
  if (!checked.valid) throw invalid(checked.violations);
  return store.createTenant(settings);
}

/** A new token for the tenant; the token itself is returned once and stored only as its hash. */
export async function createToken(
  store: AdminStore,
  tenantId: string,
): Promise<{ tokenId: string; token: string }> {
  if (!(await store.readTenant(tenantId))) throw new AdminError(`no tenant with id ${tenantId}`);
  const token = newToken();
  return { tokenId: await store.addToken(tenantId, hashToken(token)), token };
}

/** The system-side fields an operator sets for a tenant: read-only through the API, all but the id. */
export function systemFieldNames(): string[] {
  return readOnlyFieldNames().filter((name) => name !== 'id');
}

/** Sets system-side fields from `KEY=VALUE` pairs, typed and validated by the spec, all or none. */
export async function setLimits(
  store: AdminStore,
  tenantId: string,
  assignments: readonly string[],
): Promise<void> {
  const current = await store.readTenant(tenantId);
  if (!current) throw new AdminError(`no tenant with id ${tenantId}`);
  if (assignments.length === 0) throw new AdminError('give at least one KEY=VALUE');
  const allowed = new Set(systemFieldNames());
  const patch: Record<string, unknown> = {};
  for (const text of assignments) {
    let assignment: ReturnType<typeof parseAssignment>;
    try {
      assignment = parseAssignment(text);
    } catch (error) {
      if (error instanceof AssignmentSyntaxError) throw new AdminError(error.message);
      throw error;
    }
    if (!allowed.has(assignment.key)) {
      throw new AdminError(
        `${assignment.key}: not a system-side field; these are: ${[...allowed].join(', ')} (settable fields go through POST /tenant)`,
      );
    }
    patch[assignment.key] = assignment.value;
  }
  const checked = validateTenant(toTenantBody({ ...current, settings: { ...current.settings, ...patch } }));
  if (!checked.valid) throw invalid(checked.violations);
  const result = await store.mergeSettings(tenantId, patch);
  if (result.outcome !== 'updated') throw new AdminError(`no tenant with id ${tenantId}`);
}

export interface NewUser {
  /** The user's tenant; none for a system user (role SystemAdmin or Dealer). */
  tenantId?: string;
  username: string;
  password: string;
  role?: string;
  twoFactor?: boolean;
  email?: string;
}

/** Adds a user who signs in with a password (kept only as a scrypt hash), checked against the spec. */
export async function createUser(store: AdminStore, user: NewUser): Promise<UserRecord> {
  const system = user.role !== undefined && systemRole(user.role) !== undefined;
  if (system && user.tenantId !== undefined) {
    throw new AdminError(`a ${systemRole(user.role ?? '')} belongs to no tenant: leave out --tenant`);
  }
  if (!system && user.tenantId === undefined) {
    throw new AdminError('--tenant is required (only a SystemAdmin or a Dealer belongs to no tenant)');
  }
  if (user.tenantId !== undefined && !(await store.readTenant(user.tenantId))) {
    throw new AdminError(`no tenant with id ${user.tenantId}`);
  }
  const violations = [
    ...validateValue('UserName', user.username, { subject: 'the user name' }).violations,
    ...validateValue('Password', user.password, { subject: 'the password' }).violations,
  ];
  if (violations.length > 0) throw invalid(violations);
  if (user.twoFactor && !user.email) throw new AdminError('--two-factor needs --email: the codes are mailed');
  const created = await store.createUser({
    tenantId: user.tenantId ?? null,
    username: user.username,
    passwordHash: await hashPassword(user.password),
    // The spec's own spelling for the system roles; tenant users keep `admin` unless told otherwise.
    role: (user.role && systemRole(user.role)) ?? user.role ?? 'admin',
    twoFactor: user.twoFactor === true,
    email: user.email ?? null,
  });
  if (!created) {
    throw new AdminError(
      user.tenantId === undefined
        ? `there is a system user named ${user.username} already`
        : `the tenant already has a user named ${user.username}`,
    );
  }
  return created;
}

/** Assigns a tenant to a dealer (a system user of role Dealer), by the dealer's name. */
export async function assignDealer(
  store: AdminStore & Pick<CollectionStore, 'systemUser'>,
  tenantId: string,
  dealerName: string,
): Promise<void> {
  const dealer = await store.systemUser(dealerName);
  if (!dealer || systemRole(dealer.role) !== 'Dealer') throw new AdminError(`no dealer named ${dealerName}`);
  if (!(await store.assignDealer(tenantId, dealer.id))) throw new AdminError(`no tenant with id ${tenantId}`);
}

/** Removes a user and ends their sessions. */
export async function removeUser(
  store: AdminStore,
  tenantId: string | null,
  username: string,
): Promise<void> {
  if (!(await store.removeUser(tenantId, username))) {
    throw new AdminError(
      tenantId === null
        ? `no system user named ${username}`
        : `no user named ${username} in tenant ${tenantId}`,
    );
  }
}

// What the server needs from storage; SQLite implements it, another engine can be added behind it.

/** Every `Tenant` field but `id`, plus write-only ones such as `avatar_file_id`; `null` is blank. */
export type TenantSettings = Record<string, unknown>;

export interface StoredTenant {
  id: string;
  settings: TenantSettings;
}

export type UpdateOutcome =
  | { outcome: 'updated'; tenant: StoredTenant }
  | { outcome: 'precondition-failed'; tenant: StoredTenant }
  | { outcome: 'not-found' };

export interface TenantStore {
  /** The tenant a (hashed) API token belongs to, unless the token is unknown or revoked. */
  tenantIdForToken(tokenHash: Buffer): string | undefined;
  /** The tenant as stored now; the same (frozen) object again as long as nothing changed. */
  readTenant(id: string): StoredTenant | undefined;
  /**
   * Merges `patch` into the tenant's settings in one atomic write. With `precondition`, it is checked
   * against the current tenant inside the same transaction, and nothing is written when it fails.
   */
  mergeSettings(
    id: string,
    patch: TenantSettings,
    precondition?: (current: StoredTenant) => boolean,
  ): UpdateOutcome;
  createTenant(settings: TenantSettings): StoredTenant;
  listTenants(): StoredTenant[];
  /** Binds a token (by its hash) to a tenant; returns the token's id. */
  addToken(tenantId: string, tokenHash: Buffer): string;
  /** Revokes a token by id; false when there is no such active token. */
  revokeToken(tokenId: string): boolean;
  /** The engine's own consistency check: `ok` when the stored data is sound. */
  integrityCheck(): string;
  close(): void;
}

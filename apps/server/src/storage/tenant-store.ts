// What the server needs from storage, in two interfaces: the API's (per request) and the admin's (per
// operator command). SQLite implements both; another engine can be added behind them.

/** Every `Tenant` field but `id`, plus write-only ones such as `avatar_file_id`; `null` is blank. */
export type TenantSettings = Record<string, unknown>;

export interface StoredTenant {
  id: string;
  settings: TenantSettings;
  /** Starts at 1 and grows by one with every write of the tenant; the ETag is derived from it. */
  version: number;
}

/** Who a token belongs to, with that tenant's current version (one read, for a fresh GET). */
export interface TokenOwner {
  tenantId: string;
  version: number;
}

export type MergeOutcome =
  | { outcome: 'updated'; version: number }
  | { outcome: 'precondition-failed' }
  | { outcome: 'not-found' };

export interface MergeOptions {
  /** Write only if the tenant's version is one of these (If-Match); nothing is written otherwise. */
  ifVersion?: readonly number[];
}

/** What the API needs, request by request. */
export interface TenantStore {
  /**
   * Tells apart stores whose versions could coincide (two databases): part of every ETag, so a tag
   * from one database never matches in another.
   */
  readonly instanceId: string;
  /** The tenant a (hashed) API token belongs to, and its version, unless the token is unknown or revoked. */
  findTokenOwner(tokenHash: Buffer): Promise<TokenOwner | undefined>;
  /** The tenant as stored now. */
  readTenant(id: string): Promise<StoredTenant | undefined>;
  /**
   * Merges `patch` into the tenant's settings in one atomic write that also increments its version;
   * with `ifVersion`, only when the version still is one of those (checked in the same write).
   */
  mergeSettings(id: string, patch: TenantSettings, options?: MergeOptions): Promise<MergeOutcome>;
  close(): Promise<void>;
}

export interface TenantSummary {
  id: string;
  name: string;
}

/** What an operator's commands need (`tenant-server tenants|tokens …`). */
export interface AdminStore {
  createTenant(settings: TenantSettings): Promise<StoredTenant>;
  /** Every tenant, in the order they were created. */
  listTenants(): Promise<TenantSummary[]>;
  readTenant(id: string): Promise<StoredTenant | undefined>;
  mergeSettings(id: string, patch: TenantSettings, options?: MergeOptions): Promise<MergeOutcome>;
  /** Binds a token (by its hash) to a tenant; returns the token's id. */
  addToken(tenantId: string, tokenHash: Buffer): Promise<string>;
  /** Revokes a token by id; false when there is no such active token. */
  revokeToken(tokenId: string): Promise<boolean>;
  close(): Promise<void>;
}

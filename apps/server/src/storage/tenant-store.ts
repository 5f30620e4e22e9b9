// What the server needs from storage, in two interfaces: the API's (per request) and the admin's (per
// operator command). One core implements them for SQLite and PostgreSQL (store-core.ts).
import type { SignInFailure } from '../auth/sign-in-throttle.js';

/** Every `Tenant` field but `id`, plus write-only ones such as `avatar_file_id`; `null` is blank. */
export type TenantSettings = Record<string, unknown>;

export interface StoredTenant {
  id: string;
  settings: TenantSettings;
  /** Starts at 1 and grows by one with every write of the tenant; the ETag is derived from it. */
  version: number;
}

/** A tenant as the collection operations read it: with when it was made and the dealer it belongs to. */
export interface TenantRow extends StoredTenant {
  /** `2026-11-30T12:00:00.000Z`. */
  createdAt: string;
  /** The id of the dealer (a system user) the tenant is assigned to, if any. */
  dealerId: string | null;
}

/** One `FIELD eq|ne VALUE` of a list filter, over a field of the summary. */
export interface FilterTerm {
  field: string;
  op: 'eq' | 'ne';
  value: string | number | boolean | null;
}

/** Which tenants a list reads, and which page of them. */
export interface TenantQuery {
  /** Only the tenants of this dealer (a dealer's view). */
  dealerId?: string;
  /** Only these ids. */
  ids?: readonly string[];
  filter?: readonly FilterTerm[];
  /** Case-insensitive text in the name or the domain. */
  search?: string;
  /** Default: creation order. */
  orderBy?: { field: string; descending: boolean };
  skip: number;
  top: number;
}

/** Who a token belongs to, with that tenant's current version (one read, for a fresh GET). */
export interface TokenOwner {
  tenantId: string;
  version: number;
}

/** A user who signs in with a password: a tenant's, or a system user (SystemAdmin, Dealer) of none. */
export interface UserRecord {
  id: string;
  /** `null` for a system user. */
  tenantId: string | null;
  username: string;
  /** `scrypt$N$r$p$salt$hash` (see auth/passwords.ts). */
  passwordHash: string;
  role: string;
  twoFactor: boolean;
  email: string | null;
}

/** A session's tokens, by their hashes, and when each expires (ms since the epoch). */
export interface SessionSecrets {
  accessHash: Buffer;
  accessExpiresAt: number;
  refreshHash: Buffer;
  refreshExpiresAt: number;
}

type RefreshOutcome =
  | { outcome: 'rotated'; user: UserRecord }
  /** The refresh token was rotated before: its whole session has now ended. */
  | { outcome: 'reused' }
  | { outcome: 'unknown' };

/** A sign-in waiting for a one-time code. */
interface SignInFlow {
  user: UserRecord;
  expiresAt: number;
  codeHash: Buffer | null;
  codeExpiresAt: number | null;
  tries: number;
}

export type MergeOutcome =
  | { outcome: 'updated'; version: number }
  | { outcome: 'precondition-failed' }
  | { outcome: 'not-found' };

interface MergeOptions {
  /** Write only if the tenant's version is one of these (If-Match); nothing is written otherwise. */
  ifVersion?: readonly number[];
}

/** See `TenantStore.memory`. */
export interface RememberedOwners {
  /** Forgets whatever another connection may have changed since the last call: a cheap, synchronous check. */
  catchUp(): void;
  /** The owner of a token as remembered (undefined if not remembered): current as of the last `catchUp`. */
  remembered(tokenHash: Buffer, now: number): TokenOwner | undefined;
}

/** What the API needs, request by request. */
export interface TenantStore {
  /**
   * Tells apart stores whose versions could coincide (two databases): part of every ETag, so a tag
   * from one database never matches in another.
   */
  readonly instanceId: string;
  /**
   * The tenant a (hashed) bearer token belongs to, and its version: an API token unless revoked, or the
   * access token of a session unless it expired (at `now`, ms) or the session ended.
   */
  findTokenOwner(tokenHash: Buffer, now?: number): Promise<TokenOwner | undefined>;
  /**
   * Token owners and versions the store remembers between requests, where it can tell without I/O that
   * they are still current (SQLite: one `PRAGMA data_version` says whether another connection
   * committed). Absent where every read must go to the database (PostgreSQL: other replicas write).
   */
  readonly memory?: RememberedOwners;
  /** The tenant as stored now. */
  readTenant(id: string): Promise<StoredTenant | undefined>;
  /**
   * Sets the patch's fields in the tenant's settings, each replacing the stored value whole (a nested
   * object or a list included: `applyUpdate` of @tenantctl/schema is the rule), in one atomic write that
   * also increments its version; with `ifVersion`, only when the version still is one of those
   * (checked in the same write).
   */
  mergeSettings(id: string, patch: TenantSettings, options?: MergeOptions): Promise<MergeOutcome>;
  close(): Promise<void>;
}

/**
 * What signing in needs: users, sessions, sign-ins waiting for a code and failed sign-ins. The rules
 * (lifetimes, tries, throttling) are the sign-in service's; the store keeps the state, each change in
 * one transaction.
 */
export interface AuthStore {
  /** The users of that name, in the tenant of that SIP domain when one is given. */
  findUsers(username: string, domain?: string): Promise<UserRecord[]>;
  /** The failed sign-ins after `since` of these accounts (from any address) and from this address (of any account). */
  signInFailures(accounts: readonly string[], address: string, since: number): Promise<SignInFailure[]>;
  /** A failed sign-in from `address`, counted for each of the accounts it could have been for. */
  recordFailedSignIn(accounts: readonly string[], address: string, at: number): Promise<void>;
  /** A right password: the account's failures from that address are forgotten, and the address is known to it. */
  recordSignIn(account: string, address: string, at: number): Promise<void>;
  /** Whether the account signed in from the address after `since`. */
  isKnownSignInAddress(account: string, address: string, since: number): Promise<boolean>;
  createSession(userId: string, secrets: SessionSecrets): Promise<void>;
  /**
   * Trades a refresh token for new secrets, in one transaction. A refresh token that was rotated before
   * ends its whole session (reuse means theft); an expired one, or one of an ended session, is unknown.
   */
  rotateRefreshToken(refreshHash: Buffer, next: SessionSecrets, now: number): Promise<RefreshOutcome>;
  /** The user of a session's access token, unless it expired or the session ended. */
  sessionUser(accessHash: Buffer, now: number): Promise<UserRecord | undefined>;
  /** Ends the session of an access token; false when there is no such live session. */
  endSession(accessHash: Buffer, now: number): Promise<boolean>;
  /** Makes a live session act on that tenant (`POST /tenants/switch`); false when there is no such session. */
  switchSessionTenant(accessHash: Buffer, tenantId: string, now: number): Promise<boolean>;
  createSignInFlow(flowHash: Buffer, userId: string, expiresAt: number): Promise<void>;
  signInFlow(flowHash: Buffer): Promise<SignInFlow | undefined>;
  /** A new code for the flow (its tries go on counting: they are per sign-in, not per code). */
  setFlowCode(flowHash: Buffer, codeHash: Buffer, codeExpiresAt: number): Promise<void>;
  /** Counts a try of the flow's code and answers how many there were. */
  countFlowTry(flowHash: Buffer): Promise<number>;
  endSignInFlow(flowHash: Buffer): Promise<void>;
}

interface TenantSummary {
  id: string;
  name: string;
}

/** What the tenant-collection operations (`/tenants`) need, beside the TenantStore's reads and merges. */
export interface CollectionStore {
  /** The page the query asks for, and how many tenants match in all. */
  listTenantPage(query: TenantQuery): Promise<{ count: number; items: TenantRow[] }>;
  /** One tenant with its creation time and dealer. */
  readTenantRow(id: string): Promise<TenantRow | undefined>;
  createTenant(settings: TenantSettings, options?: { dealerId?: string }): Promise<StoredTenant>;
  /**
   * Removes the tenant with its users, their sessions and sign-ins, and its tokens, in one
   * transaction; false when there is no such tenant.
   */
  destroyTenant(id: string): Promise<boolean>;
  /** A system user by name (tenant users are found with `findUsers`). */
  systemUser(username: string): Promise<UserRecord | undefined>;
  /** A user by id. */
  userById(id: string): Promise<UserRecord | undefined>;
}

/** What an operator's commands need (`tenant-server tenants|tokens …`). */
export interface AdminStore {
  createTenant(settings: TenantSettings, options?: { dealerId?: string }): Promise<StoredTenant>;
  /** Assigns the tenant to a dealer (`null`: to none); false when there is no such tenant. */
  assignDealer(tenantId: string, dealerId: string | null): Promise<boolean>;
  /** Every tenant, in the order they were created. */
  listTenants(): Promise<TenantSummary[]>;
  readTenant(id: string): Promise<StoredTenant | undefined>;
  mergeSettings(id: string, patch: TenantSettings, options?: MergeOptions): Promise<MergeOutcome>;
  /** Binds a token (by its hash) to a tenant; returns the token's id. */
  addToken(tenantId: string, tokenHash: Buffer): Promise<string>;
  /** Revokes a token by id; false when there is no such active token. */
  revokeToken(tokenId: string): Promise<boolean>;
  /** Adds a user; `undefined` when the tenant (or, for a system user, the system) has one of that name already. */
  createUser(user: Omit<UserRecord, 'id'>): Promise<UserRecord | undefined>;
  /** The users of a tenant, or of every tenant, in the order they were created. */
  listUsers(tenantId?: string): Promise<UserRecord[]>;
  /** Removes a user (of a tenant, or with `null` a system user) and ends their sessions; false when there is none. */
  removeUser(tenantId: string | null, username: string): Promise<boolean>;
  close(): Promise<void>;
}

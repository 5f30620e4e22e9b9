export { AdminError, createTenant, createToken, setLimits, systemFieldNames } from './admin.js';
export { type AppOptions, buildApp, DEFAULT_BODY_LIMIT, DEFAULT_PREFIX } from './app.js';
export { DEFAULT_PORT, type RunningServer, type ServeOptions, serve } from './server.js';
export {
  defaultEngine,
  openSqliteStore,
  type SqliteEngine,
  type SqliteStoreOptions,
} from './storage/sqlite-store.js';
export type { StoredTenant, TenantSettings, TenantStore, UpdateOutcome } from './storage/tenant-store.js';
export { toTenantBody } from './tenant-representation.js';
export { hashToken } from './tokens.js';

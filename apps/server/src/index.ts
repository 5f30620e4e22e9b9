export { AdminError, createTenant, createToken, setLimits, systemFieldNames } from './admin.js';
export { type AppOptions, buildApp, DEFAULT_BODY_LIMIT, DEFAULT_PREFIX } from './app.js';
export { DEFAULT_PORT, type RunningServer, type ServeOptions, serve } from './server.js';
export {
  openSqliteStore,
  type SqliteEngine,
  type SqliteStore,
  type SqliteStoreOptions,
} from './storage/sqlite-store.js';
export type {
  AdminStore,
  MergeOutcome,
  StoredTenant,
  TenantSettings,
  TenantStore,
} from './storage/tenant-store.js';
export { toTenantBody } from './tenant-representation.js';

// `@tenantctl/server/testing`: the fixtures every package's tests (and the benchmarks) share.

export { createUser, type NewUser } from '../admin.js';
export { chromiumForTests, chromiumPath, launchChromium } from './chromium.js';
export { latestCode } from './mail.js';
export { startTestPostgres, type TestPostgres } from './postgres.js';
export { secretsShownIn } from './secrets-shown.js';
export { type SeededTenant, seedTenants } from './seed.js';
export {
  type ServerProcess,
  type ServerProcessOptions,
  startServerProcess,
} from './server-process.js';
export { assignToDealer, type SignedInSystemUser, signInSystemUser } from './system-users.js';
export { type ProxyLogEntry, startTestProxy, type TestProxy, type TestProxyOptions } from './test-proxy.js';
export {
  startTestServer,
  type TestServer,
  type TestServerEngine,
  type TestServerOptions,
  testServerEngines,
} from './test-server.js';

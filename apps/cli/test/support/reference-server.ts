// The real reference server (in this process, on a real port and SQLite file) around a test file.
import { startTestServer, type TestServer, type TestServerOptions } from '@tenantctl/server/testing';
import { afterAll, beforeAll } from 'vitest';

export interface ServerContext {
  readonly server: TestServer;
  /** The connection to hand to the CLI: `TENANTCTL_URL` and `TENANTCTL_TOKEN` of the first tenant. */
  readonly env: Record<string, string>;
}

/** Starts a reference server before the file's tests and stops it after them. */
export function useReferenceServer(options: TestServerOptions = { tenants: ['E2E Tenant'] }): ServerContext {
  const context = {} as { server: TestServer; env: Record<string, string> };
  beforeAll(async () => {
    context.server = await startTestServer(options);
    context.env = { TENANTCTL_URL: context.server.url, TENANTCTL_TOKEN: context.server.tenant.token };
  });
  afterAll(() => context.server?.close());
  return context;
}

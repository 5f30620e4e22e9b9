// The real reference server on a real SQLite file, with one tenant and its token, and a list of the
// requests that reached it (to prove that invalid input sends nothing).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, createToken, openSqliteStore, serve, toTenantBody } from '@tenantctl/server';
import { afterAll, beforeAll } from 'vitest';

export interface ReferenceServer {
  url: string;
  token: string;
  /** `METHOD path` of every request the server received, in order. */
  requests: string[];
  /** Every log line the server wrote. */
  logs: string[];
  /** The tenant as GET would show it, read from the store (so it is not one of the requests). */
  tenant(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startReferenceServer(): Promise<ReferenceServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tenantctl-e2e-'));
  const store = openSqliteStore({ path: join(dir, 'tenants.db') });
  const tenant = createTenant(store, 'E2E Tenant');
  const { token } = createToken(store, tenant.id);
  const requests: string[] = [];
  const logs: string[] = [];
  const stream = {
    write(line: string) {
      logs.push(line);
      const entry = JSON.parse(line) as { req?: { method: string; path: string } };
      if (entry.req) requests.push(`${entry.req.method} ${entry.req.path}`);
    },
  } as unknown as NodeJS.WritableStream;
  const server = await serve({ store, port: 0, logger: { level: 'info', stream } });
  return {
    url: server.url,
    token,
    requests,
    logs,
    async tenant() {
      const stored = store.readTenant(tenant.id);
      if (!stored) throw new Error('the tenant is gone');
      return toTenantBody(stored);
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a reference server around a test file; `env` is the connection to hand to `runCli`. */
export function useReferenceServer(): {
  readonly server: ReferenceServer;
  readonly env: Record<string, string>;
} {
  const context = {} as { server: ReferenceServer; env: Record<string, string> };
  beforeAll(async () => {
    context.server = await startReferenceServer();
    context.env = { TENANTCTL_URL: context.server.url, TENANTCTL_TOKEN: context.server.token };
  });
  afterAll(() => context.server?.close());
  return context;
}

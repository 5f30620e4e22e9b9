// A real server over HTTP on a real SQLite file in a temporary folder, with two tenants and their tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, createToken } from '../../src/admin.js';
import { type RunningServer, serve } from '../../src/server.js';
import { openSqliteStore } from '../../src/storage/sqlite-store.js';

export interface TestServer {
  url: string;
  dbPath: string;
  tenantA: { id: string; token: string };
  tenantB: { id: string; token: string };
  /** Log lines the server wrote. */
  logs: string[];
  /** Stops the server and starts it again on the same database file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(
  options: { bodyLimit?: number; requestTimeoutMs?: number } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-server-'));
  const dbPath = join(dir, 'tenants.db');
  const seed = openSqliteStore({ path: dbPath });
  const a = createTenant(seed, 'Tenant A');
  const b = createTenant(seed, 'Tenant B');
  const tenantA = { id: a.id, token: createToken(seed, a.id).token };
  const tenantB = { id: b.id, token: createToken(seed, b.id).token };
  seed.close();

  const logs: string[] = [];
  const stream = { write: (line: string) => logs.push(line) } as unknown as NodeJS.WritableStream;
  let server: RunningServer | undefined;
  let port = 0;
  const start = async () => {
    server = await serve({
      store: openSqliteStore({ path: dbPath }),
      port,
      logger: { level: 'info', stream },
      ...options,
    });
    port = Number(new URL(server.url).port);
  };
  await start();
  return {
    get url() {
      return server?.url ?? '';
    },
    dbPath,
    tenantA,
    tenantB,
    logs,
    async restart() {
      await server?.close();
      // Let fetch's pool see its keep-alive sockets to the old server closed before they are reused.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await start();
    },
    async close() {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function authHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${token}`, ...extra };
}

export async function postTenant(
  url: string,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${url}/tenant`, {
    method: 'POST',
    headers: authHeaders(token, { 'Content-Type': 'application/json', ...headers }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getTenant(
  url: string,
  token: string,
): Promise<{ status: number; etag: string | null; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/tenant`, { headers: authHeaders(token) });
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

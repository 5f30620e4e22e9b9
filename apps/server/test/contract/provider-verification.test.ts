// Provider verification: the client's consumer pacts replayed against the real server on a real SQLite file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from '../../src/server.js';
import { openSqliteStore, type SqliteStore } from '../../src/storage/sqlite-store.js';
import { providerStates } from './provider-states.js';
import { pactFiles, verifyPacts } from './verify-pacts.js';

// Pact's verifier proxies through http-proxy, which calls util._extend: a DeprecationWarning (DEP0060)
// on every run under Node 22+, an upstream matter. Muted in this file only, where it is known.
process.noDeprecation = true;

const pactDir = fileURLToPath(new URL('../../../../pacts/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tenant-provider-'));
let store: SqliteStore;
let server: RunningServer;

beforeAll(async () => {
  store = openSqliteStore({ path: join(dir, 'tenants.db') });
  server = await serve({ store, port: 0, logger: false, auth: { mailDir: join(dir, 'mail') } });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('provider verification', () => {
  it('finds the consumer pacts', () => {
    expect(pactFiles(pactDir).length).toBeGreaterThan(0);
  });

  it('honours every interaction of every pact', async () => {
    await verifyPacts({
      pactDir,
      providerBaseUrl: new URL(server.url).origin,
      stateHandlers: providerStates(store),
    });
  }, 60_000);

  it('pact files hold no secret: no token a server issued, no private key', () => {
    for (const file of pactFiles(pactDir)) {
      const text = readFileSync(file, 'utf8');
      // API tokens, session access and refresh tokens, sign-in flow tokens (see src/tokens.ts).
      expect(text).not.toMatch(/t(nt|at|rt|fl)_[\w-]{20,}/);
      expect(text).not.toMatch(/PRIVATE KEY|stir_shaken_key/);
    }
  });

  it('fails, rather than passes, when there is no pact to verify', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-pacts-'));
    await expect(
      verifyPacts({ pactDir: empty, providerBaseUrl: server.url, stateHandlers: {} }),
    ).rejects.toThrow(/no pact files/);
    rmSync(empty, { recursive: true });
  });
});

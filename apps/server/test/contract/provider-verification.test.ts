// Provider verification: the client's consumer pacts replayed against the real server on a real SQLite file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from '../../src/server.js';
import { openStore, type Store } from '../../src/storage/open-store.js';
import { postgresForFile } from '../support/postgres.js';
import { providerStates } from './provider-states.js';
import { pactFiles, verifyPacts } from './verify-pacts.js';

// Pact's verifier proxies through http-proxy, which calls util._extend: a DeprecationWarning (DEP0060)
// on every run under Node 22+, an upstream matter. Muted in this file only, where it is known.
process.noDeprecation = true;

const pactDir = fileURLToPath(new URL('../../../../pacts/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tenant-provider-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const postgres = await postgresForFile();

/** The engines the provider is verified on: SQLite always, PostgreSQL where one runs (CI: always). */
const engines: [string, () => Promise<Store>][] = [
  ['SQLite', () => openStore(join(dir, 'tenants.db'))],
  ...(postgres
    ? [
        ['PostgreSQL', async () => openStore(await postgres.createDatabase())] as [
          string,
          () => Promise<Store>,
        ],
      ]
    : []),
];

describe.each(engines)('provider verification on %s', (_engine, open) => {
  let store: Store;
  let server: RunningServer;
  beforeAll(async () => {
    store = await open();
    server = await serve({ store, port: 0, logger: false, auth: { mailDir: join(dir, 'mail') } });
  });
  afterAll(() => server.close());

  it('honours every interaction of every pact', async () => {
    await verifyPacts({
      pactDir,
      providerBaseUrl: new URL(server.url).origin,
      stateHandlers: providerStates(store),
    });
  });
});

describe('the pacts', () => {
  it('are there', () => {
    expect(pactFiles(pactDir).length).toBeGreaterThan(0);
  });

  it('hold no secret: no token a server issued, no private key', () => {
    for (const file of pactFiles(pactDir)) {
      const text = readFileSync(file, 'utf8');
      // API tokens, session access and refresh tokens, sign-in flow tokens (see src/tokens.ts).
      expect(text).not.toMatch(/t(nt|at|rt|fl)_[\w-]{20,}/);
      expect(text).not.toMatch(/PRIVATE KEY|stir_shaken_key/);
    }
  });

  it('are required: no pact to verify is a failure, not a pass', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-pacts-'));
    await expect(
      verifyPacts({ pactDir: empty, providerBaseUrl: 'http://127.0.0.1:1', stateHandlers: {} }),
    ).rejects.toThrow(/no pact files/);
    rmSync(empty, { recursive: true });
  });
});

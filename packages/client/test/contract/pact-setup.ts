// Where the consumer pacts go, and the names both sides use.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';

/** The one folder for pact files: `pacts/` at the repository root. */
export const pactDir = fileURLToPath(new URL('../../../../pacts/', import.meta.url));
export const consumer = 'tenantctl-client';
export const provider = 'tenant-api';

/** A token the provider states register as valid for the tenant they create. */
export const VALID_TOKEN = 'pact-valid-token';

export function createPact(): PactV4 {
  return new PactV4({ consumer, provider, dir: pactDir, logLevel: 'warn' });
}

/** Starts the pact afresh so interactions removed from the tests do not linger in the file. */
export function removeOldPact(): void {
  rmSync(new URL(`${consumer}-${provider}.json`, `file://${pactDir}`), { force: true });
}

/** The contract project's global setup: once per run, before any file adds its interactions. */
export default function setup(): void {
  removeOldPact();
}

// Where the consumer pacts go, and the names both sides use.
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PactV4 } from '@pact-foundation/pact';
import { getFfiLib } from '@pact-foundation/pact-core';
import { scaledMs } from '@tenantctl/mock';

/** The one folder for pact files: `pacts/` at the repository root. */
export const pactDir = fileURLToPath(new URL('../../../../pacts/', import.meta.url));
export const consumer = 'tenantctl-client';
export const provider = 'tenant-api';

/** A token the provider states register as valid for the tenant they create (a tenant's API token). */
export const VALID_TOKEN = 'pact-valid-token';
/** The access tokens of the system users the provider states sign in (see provider-states.ts). */
export const SYSTEM_ADMIN_TOKEN = 'pact-system-admin-token';
export const DEALER_TOKEN = 'pact-dealer-token';

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

/**
 * Wraps an `executeTest` callback so that it returns only once the mock server has booked the requests
 * it answered. Since Pact 16.3 the mock server books a match on a channel after answering, and under
 * load Pact can read "expected but not received" for a request it did answer
 * (pact-foundation/pact-core-mock-server#13). Waiting here for the booking (a request that
 * truly never came still fails, afterwards; 10 s, scaled by TEST_TIMEOUT_SCALE) keeps that race out of the results.
 */
export function afterMatched<T>(
  test: (server: { port: number; url: string }) => Promise<T>,
): (server: { port: number; url: string }) => Promise<T> {
  return async (server) => {
    const value = await test(server);
    const ffi = getFfiLib();
    const limit = scaledMs(10_000);
    for (let waited = 0; waited < limit && !ffi.pactffiMockServerMatched(server.port); waited += 10) {
      await sleep(10);
    }
    return value;
  };
}

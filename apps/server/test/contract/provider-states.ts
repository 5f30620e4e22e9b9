// Provider states, keyed by the exact `given` strings of the consumer pacts; each sets up the real store.
import type { AdminStore } from '../../src/storage/tenant-store.js';
import { defaultSettings } from '../../src/tenant-representation.js';
import { hashToken } from '../../src/tokens.js';

/** The token the consumer pacts send as valid (see packages/client/test/contract/pact-setup.ts). */
export const PACT_VALID_TOKEN = 'pact-valid-token';

export function providerStates(store: AdminStore): Record<string, () => Promise<void>> {
  let tenantId: string | undefined;
  return {
    'a tenant exists': async () => {
      const settings = { ...defaultSettings('Acme Corporation'), timezone: 'America/New_York' };
      if (tenantId) {
        // Back to the same settings (a merge never sets null: leave blanks out).
        await store.mergeSettings(
          tenantId,
          Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== null)),
        );
      } else {
        tenantId = (await store.createTenant(settings)).id;
        await store.addToken(tenantId, hashToken(PACT_VALID_TOKEN));
      }
    },
  };
}

// Provider states, keyed by the exact `given` strings of the consumer pacts; each sets up the real store.

import type { TenantStore } from '../../src/storage/tenant-store.js';
import { defaultSettings } from '../../src/tenant-representation.js';
import { hashToken } from '../../src/tokens.js';

/** The token the consumer pacts send as valid (see packages/client/test/contract/pact-setup.ts). */
export const PACT_VALID_TOKEN = 'pact-valid-token';

export function providerStates(store: TenantStore): Record<string, () => Promise<void>> {
  let tenantId: string | undefined;
  return {
    'a tenant exists': async () => {
      const settings = { ...defaultSettings('Acme Corporation'), timezone: 'America/New_York' };
      if (tenantId) {
        store.mergeSettings(tenantId, settings);
      } else {
        tenantId = store.createTenant(settings).id;
        store.addToken(tenantId, hashToken(PACT_VALID_TOKEN));
      }
    },
  };
}

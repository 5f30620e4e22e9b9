// Provider states, keyed by the exact `given` strings of the consumer pacts; each sets up the real store.
// The secrets are the placeholders the consumer pacts send (packages/client/test/contract/).
import { createUser } from '../../src/admin.js';
import type { AdminStore, AuthStore } from '../../src/storage/tenant-store.js';
import { defaultSettings } from '../../src/tenant-representation.js';
import { hashToken } from '../../src/tokens.js';

/** The token the consumer pacts send as valid (see packages/client/test/contract/pact-setup.ts). */
const PACT_VALID_TOKEN = 'pact-valid-token';
const PASSWORD = 'pact-password';
const HOUR = 3600_000;

export function providerStates(store: AdminStore & AuthStore): Record<string, () => Promise<void>> {
  let tenantId: string | undefined;

  async function tenantExists(): Promise<string> {
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
    return tenantId;
  }

  /** The user afresh (a new account, with no failed sign-ins): removing it ends its sessions and sign-ins. */
  async function userExists(username: string, twoFactor = false) {
    const tenant = await tenantExists();
    await store.removeUser(tenant, username);
    return createUser(store, {
      tenantId: tenant,
      username,
      password: PASSWORD,
      ...(twoFactor ? { twoFactor, email: `${username}@example.com` } : {}),
    });
  }

  return {
    'a tenant exists': async () => {
      await tenantExists();
    },
    'a user with a password exists': async () => {
      await userExists('pact-user');
    },
    'a user with a second factor exists': async () => {
      await userExists('pact-2fa-user', true);
    },
    'a sign-in waits for its one-time code': async () => {
      const user = await userExists('pact-2fa-user', true);
      const flow = hashToken('pact-flow-token');
      await store.createSignInFlow(flow, user.id, Date.now() + HOUR);
      await store.setFlowCode(flow, hashToken('123456'), Date.now() + HOUR);
    },
    'a session exists': async () => {
      const user = await userExists('pact-user');
      await store.createSession(user.id, {
        accessHash: hashToken('pact-access-token'),
        accessExpiresAt: Date.now() + HOUR,
        refreshHash: hashToken('pact-refresh-token'),
        refreshExpiresAt: Date.now() + HOUR,
      });
    },
  };
}

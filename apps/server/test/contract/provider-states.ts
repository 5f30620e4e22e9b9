// Provider states, keyed by the exact `given` strings of the consumer pacts; each sets up the real store.
// The secrets are the placeholders the consumer pacts send (packages/client/test/contract/).
import { assignDealer, createUser } from '../../src/admin.js';
import type { AdminStore, AuthStore, CollectionStore } from '../../src/storage/tenant-store.js';
import { defaultSettings } from '../../src/tenant-representation.js';
import { hashToken } from '../../src/tokens.js';

/** The tokens the consumer pacts send (see packages/client/test/contract/pact-setup.ts). */
const PACT_VALID_TOKEN = 'pact-valid-token';
const PACT_SYSTEM_ADMIN_TOKEN = 'pact-system-admin-token';
const PACT_DEALER_TOKEN = 'pact-dealer-token';
const PASSWORD = 'pact-password';
const HOUR = 3600_000;

/** A state handler; what it returns is what the pacts' `fromProviderState` expressions read. */
type StateHandler = () => Promise<Record<string, string> | undefined>;

export function providerStates(
  store: AdminStore & AuthStore & CollectionStore,
): Record<string, StateHandler> {
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

  /** A system user of that role, signed in with `token` (a session of an hour), made afresh. */
  async function systemUserSignedIn(role: 'SystemAdmin' | 'Dealer', username: string, token: string) {
    await store.removeUser(null, username);
    const user = await createUser(store, { username, password: PASSWORD, role });
    await store.createSession(user.id, {
      accessHash: hashToken(token),
      accessExpiresAt: Date.now() + HOUR,
      refreshHash: hashToken(`${token}-refresh`),
      refreshExpiresAt: Date.now() + HOUR,
    });
    return user;
  }

  /** A new tenant (each state gets its own: one may be deleted), by the spec's defaults. */
  const newTenant = async (name: string) => (await store.createTenant(defaultSettings(name))).id;

  return {
    'a tenant exists': async () => {
      await tenantExists();
      return undefined;
    },
    'a system administrator is signed in, and a tenant exists': async () => {
      await systemUserSignedIn('SystemAdmin', 'pact-system-admin', PACT_SYSTEM_ADMIN_TOKEN);
      await tenantExists();
      return { tenantId: await newTenant('Pact Shop') };
    },
    'a dealer is signed in, with a tenant of its own': async () => {
      await systemUserSignedIn('Dealer', 'pact-dealer', PACT_DEALER_TOKEN);
      const tenantId = await newTenant('Pact Dealer Shop');
      await assignDealer(store, tenantId, 'pact-dealer');
      return { tenantId };
    },
    'a user with a password exists': async () => {
      await userExists('pact-user');
      return undefined;
    },
    'a user with a second factor exists': async () => {
      await userExists('pact-2fa-user', true);
      return undefined;
    },
    'a sign-in waits for its one-time code': async () => {
      const user = await userExists('pact-2fa-user', true);
      const flow = hashToken('pact-flow-token');
      await store.createSignInFlow(flow, user.id, Date.now() + HOUR);
      await store.setFlowCode(flow, hashToken('123456'), Date.now() + HOUR);
      return undefined;
    },
    'a session exists': async () => {
      const user = await userExists('pact-user');
      await store.createSession(user.id, {
        accessHash: hashToken('pact-access-token'),
        accessExpiresAt: Date.now() + HOUR,
        refreshHash: hashToken('pact-refresh-token'),
        refreshExpiresAt: Date.now() + HOUR,
      });
      return undefined;
    },
  };
}

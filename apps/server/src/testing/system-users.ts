// A system user (a SystemAdmin or a Dealer) made in a test server's store and signed in through the
// real /auth/sign_in: the access token any client then uses, as an operator's session would.
import { assignDealer, createUser } from '../admin.js';
import type { TestServer } from './test-server.js';

export interface SignedInSystemUser {
  username: string;
  /** The session's access token. */
  token: string;
}

export async function signInSystemUser(
  server: Pick<TestServer, 'url' | 'store'>,
  role: 'SystemAdmin' | 'Dealer',
  username: string,
  password = 'system-user-password',
): Promise<SignedInSystemUser> {
  await createUser(server.store, { username, password, role });
  const answer = await fetch(`${server.url}/auth/sign_in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!answer.ok) throw new Error(`${username} could not sign in: ${answer.status} ${await answer.text()}`);
  const { access_token } = (await answer.json()) as { access_token: string };
  return { username, token: access_token };
}

/** Assigns tenants to a dealer, by the dealer's name. */
export async function assignToDealer(
  server: Pick<TestServer, 'store'>,
  dealer: string,
  tenantIds: readonly string[],
): Promise<void> {
  for (const id of tenantIds) await assignDealer(server.store, id, dealer);
}

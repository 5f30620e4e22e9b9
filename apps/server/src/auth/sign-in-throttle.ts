// When a sign-in is refused before its password is even checked, from the failures the store counted.
// Three counters, as OWASP's authentication guidance and the OAuth security BCP describe: an address
// guessing one account, an address guessing many (spraying), and an account guessed from everywhere.
// The last one never shuts out the addresses the account signed in from before: an attack from other
// addresses cannot lock its owner out.

export interface ThrottlePolicy {
  /** Failed sign-ins of one account from one address within `failureWindow` before that address waits. */
  failureLimit: number;
  /** Failed sign-ins from one address, to any accounts, before that address waits for all of them. */
  addressFailureLimit: number;
  /** Failed sign-ins of one account from all addresses before addresses new to it wait. */
  accountFailureLimit: number;
  /** Seconds a failure counts. */
  failureWindow: number;
  /** Seconds an address the account signed in from stays known to it (exempt from the account limit). */
  knownAddressTtl: number;
}

/** One failed sign-in as the store keeps it. */
export interface SignInFailure {
  account: string;
  address: string;
  at: number;
}

/** Which counter made a sign-in wait: the client's own address, or the account under attack. */
type ThrottleReason = 'address' | 'account';

export interface ThrottleDecision {
  retryAfterSeconds: number;
  reason: ThrottleReason;
}

/** The account of a user, tenant user or system user alike: what its failures are counted under. */
export const userAccount = (userId: string): string => `user:${userId}`;

/**
 * The accounts a sign-in is for: those of the users it could be (a name without a domain may be used in
 * several tenants), or, for a name no user has, that name, counted alike so that answers do not tell.
 */
export function accountKeys(userIds: readonly string[], username: string, domain?: string): string[] {
  return userIds.length > 0 ? userIds.map(userAccount) : [`name:${domain ?? ''}:${username}`];
}

/** Milliseconds until fewer than `limit` of these times are within the window, or 0 if they are already. */
function waitFor(times: readonly number[], limit: number, windowMs: number, now: number): number {
  if (times.length < limit) return 0;
  const sorted = [...times].sort((a, b) => a - b);
  const oldest = sorted[sorted.length - limit] ?? now;
  return Math.max(1, oldest + windowMs - now);
}

/**
 * Whether a sign-in from `address` for `accounts` must wait, given the failures within the window
 * (those of the accounts from anywhere and those of the address for any account). `isKnown` is asked
 * only for an account over its own limit.
 */
export async function decideThrottle(
  failures: readonly SignInFailure[],
  request: { accounts: readonly string[]; address: string; now: number },
  policy: ThrottlePolicy,
  isKnown: (account: string) => Promise<boolean>,
): Promise<ThrottleDecision | undefined> {
  const { accounts, address, now } = request;
  const windowMs = policy.failureWindow * 1000;
  const since = now - windowMs;
  const counted = failures.filter((failure) => failure.at > since);
  let addressWait = waitFor(
    counted.filter((f) => f.address === address).map((f) => f.at),
    policy.addressFailureLimit,
    windowMs,
    now,
  );
  let accountWait = 0;
  for (const account of accounts) {
    const ofAccount = counted.filter((f) => f.account === account);
    addressWait = Math.max(
      addressWait,
      waitFor(
        ofAccount.filter((f) => f.address === address).map((f) => f.at),
        policy.failureLimit,
        windowMs,
        now,
      ),
    );
    const wait = waitFor(
      ofAccount.map((f) => f.at),
      policy.accountFailureLimit,
      windowMs,
      now,
    );
    if (wait > 0 && !(await isKnown(account))) accountWait = Math.max(accountWait, wait);
  }
  const wait = Math.max(addressWait, accountWait);
  if (wait === 0) return undefined;
  return {
    retryAfterSeconds: Math.ceil(wait / 1000),
    reason: addressWait >= accountWait ? 'address' : 'account',
  };
}

// The rules of signing in: passwords, second factors, token lifetimes and rotation, throttling. The
// store keeps the state; this module decides.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { AuthStore, SessionSecrets, UserRecord } from '../storage/tenant-store.js';
import { hashToken, newToken } from '../tokens.js';
import type { CodeMailer } from './code-mail.js';
import { verifyNobody, verifyPassword } from './passwords.js';
import {
  accountKeys,
  decideThrottle,
  type ThrottleDecision,
  type ThrottlePolicy,
  userAccount,
} from './sign-in-throttle.js';

export interface SignInPolicy extends ThrottlePolicy {
  /** Seconds an access token lives. Default 1800 (30 minutes). */
  accessTokenTtl: number;
  /** Seconds a refresh token lives unused. Default 30 days. */
  refreshTokenTtl: number;
  /** Seconds a sign-in waiting for its one-time code lives. Default 600. */
  flowTtl: number;
  /** Seconds a one-time code is valid. Default 300. */
  codeTtl: number;
  /** Tries at a one-time code per sign-in. Default 5. */
  codeTries: number;
}

export const defaultSignInPolicy: SignInPolicy = {
  accessTokenTtl: 1800,
  refreshTokenTtl: 30 * 24 * 3600,
  flowTtl: 600,
  codeTtl: 300,
  codeTries: 5,
  failureLimit: 5,
  addressFailureLimit: 20,
  accountFailureLimit: 100,
  failureWindow: 900,
  knownAddressTtl: 30 * 24 * 3600,
};

/** The tokens shape of the spec's `SessionTokens`. */
export interface IssuedTokens {
  token_type: 'Bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

type SignInResult =
  | { outcome: 'tokens'; tokens: IssuedTokens }
  | { outcome: 'second-factor'; token: string }
  | { outcome: 'refused' }
  /** The name is used in several tenants and the password fits more than one: the domain decides. */
  | { outcome: 'domain-needed' }
  | ({ outcome: 'throttled' } & ThrottleDecision);

export interface SignInRequest {
  username: string;
  password: string;
  domain?: string;
  /** The client's address (behind trusted proxies, the one they name): what the throttle counts by. */
  address: string;
}

export interface SignInService {
  signIn(request: SignInRequest): Promise<SignInResult>;
  sendCode(flowToken: string): Promise<'sent' | 'refused'>;
  verifyCode(flowToken: string, code: string): Promise<IssuedTokens | 'refused'>;
  refresh(refreshToken: string): Promise<IssuedTokens | 'refused'>;
  signOut(accessToken: string): Promise<boolean>;
  user(accessToken: string): Promise<UserRecord | undefined>;
}

const sameCode = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

export function createSignInService(
  store: AuthStore,
  mailer: CodeMailer,
  policy: SignInPolicy = defaultSignInPolicy,
  now: () => number = Date.now,
): SignInService {
  function newSecrets(at: number): { secrets: SessionSecrets; tokens: IssuedTokens } {
    const access = newToken('tat');
    const refresh = newToken('trt');
    return {
      tokens: {
        token_type: 'Bearer',
        access_token: access,
        refresh_token: refresh,
        expires_in: policy.accessTokenTtl,
      },
      secrets: {
        accessHash: hashToken(access),
        accessExpiresAt: at + policy.accessTokenTtl * 1000,
        refreshHash: hashToken(refresh),
        refreshExpiresAt: at + policy.refreshTokenTtl * 1000,
      },
    };
  }

  async function startSession(user: UserRecord): Promise<IssuedTokens> {
    const { secrets, tokens } = newSecrets(now());
    await store.createSession(user.id, secrets);
    return tokens;
  }

  return {
    async signIn({ username, password, domain, address }) {
      const at = now();
      const candidates = await store.findUsers(username, domain);
      const accounts = accountKeys(
        candidates.map((user) => user.id),
        username,
        domain,
      );
      const failures = await store.signInFailures(accounts, address, at - policy.failureWindow * 1000);
      const knownSince = at - policy.knownAddressTtl * 1000;
      const throttled = await decideThrottle(failures, { accounts, address, now: at }, policy, (account) =>
        store.isKnownSignInAddress(account, address, knownSince),
      );
      if (throttled) return { outcome: 'throttled', ...throttled };
      const matching: UserRecord[] = [];
      if (candidates.length === 0) await verifyNobody(password);
      for (const user of candidates)
        if (await verifyPassword(password, user.passwordHash)) matching.push(user);
      const [user, ...others] = matching;
      if (!user) {
        await store.recordFailedSignIn(accounts, address, at);
        return { outcome: 'refused' };
      }
      if (others.length > 0) return { outcome: 'domain-needed' };
      // Only this account's failures from this address go: a success elsewhere resets nothing here.
      await store.recordSignIn(userAccount(user.id), address, at);
      if (!user.twoFactor) return { outcome: 'tokens', tokens: await startSession(user) };
      const flow = newToken('tfl');
      await store.createSignInFlow(hashToken(flow), user.id, at + policy.flowTtl * 1000);
      return { outcome: 'second-factor', token: flow };
    },

    async sendCode(flowToken) {
      const hash = hashToken(flowToken);
      const flow = await store.signInFlow(hash);
      if (!flow || now() >= flow.expiresAt || flow.tries >= policy.codeTries) return 'refused';
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await store.setFlowCode(hash, hashToken(code), now() + policy.codeTtl * 1000);
      await mailer.send(flow.user, code, Math.round(policy.codeTtl / 60));
      return 'sent';
    },

    async verifyCode(flowToken, code) {
      const hash = hashToken(flowToken);
      const flow = await store.signInFlow(hash);
      if (!flow?.codeHash || now() >= flow.expiresAt) return 'refused';
      // Every try counts, a right one too: a sixth is refused whatever it is.
      const tries = await store.countFlowTry(hash);
      const right = sameCode(hashToken(code), flow.codeHash) && now() < (flow.codeExpiresAt ?? 0);
      if (tries > policy.codeTries || !right) {
        if (tries >= policy.codeTries) await store.endSignInFlow(hash);
        return 'refused';
      }
      await store.endSignInFlow(hash);
      return startSession(flow.user);
    },

    async refresh(refreshToken) {
      const at = now();
      const { secrets, tokens } = newSecrets(at);
      const result = await store.rotateRefreshToken(hashToken(refreshToken), secrets, at);
      return result.outcome === 'rotated' ? tokens : 'refused';
    },

    signOut: (accessToken) => store.endSession(hashToken(accessToken), now()),
    user: (accessToken) => store.sessionUser(hashToken(accessToken), now()),
  };
}

// A signed-in session that serves as a client's `getToken`: it refreshes the access token shortly
// before it expires and after a 401, one refresh at a time, and reports every new set of tokens.
import type { SessionTokens, SignedInUser } from '@tenantctl/schema';
import { TenantSignInError } from '../errors.js';
import type { TokenProvider } from '../transport.js';
import { type AuthApi, type AuthConnection, createAuthApi } from './auth-api.js';

/** Which of the vendor's sign-in flows the PBX has: `/auth/sign_in` (v22.3+) or the older `/login`. */
export type SignInFlow = 'current' | 'legacy';

/** What a caller keeps to resume a session later: tokens and when they expire, never the password. */
export interface StoredSession {
  flow: SignInFlow;
  username: string;
  /** The SIP domain signed in with, if one was needed. */
  domain?: string;
  /** A secret. */
  accessToken: string;
  /** A secret; none on the older flow (sign in again when the access token expires). */
  refreshToken?: string;
  /** When the access token was issued and when it expires, in milliseconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
  /** The role the older `/login` answered with (the current flow has `GET /auth/user` for it). */
  role?: string;
}

export interface SessionOptions extends AuthConnection {
  /** Called whenever the tokens change (sign-in, refresh), before they are used: persist them here. */
  onTokens?: (session: StoredSession) => void | Promise<void>;
  /**
   * Wraps every refresh, e.g. in a lock shared with other processes using the same stored session.
   * Call `refresh` with the session as stored now (re-read after taking the lock; omit it when there
   * is none): it keeps a stored session that another process refreshed already, and otherwise spends
   * the refresh token. Either way `onTokens` has run when it resolves, so saving happens inside the lock.
   */
  coordinateRefresh?: (refresh: (stored?: StoredSession) => Promise<StoredSession>) => Promise<StoredSession>;
  /** Refresh this long before the access token expires (at most a quarter of its life). Default 60 s. */
  refreshMarginMs?: number;
  /** The clock, in milliseconds since the epoch (tests). Default `Date.now`. */
  now?: () => number;
}

export interface TenantSession {
  /** The current tokens (secrets: never log them). */
  readonly current: StoredSession;
  /**
   * For `createTenantClient({ getToken: session.getToken })`: the access token, refreshed first when
   * it is about to expire or the server rejected it.
   */
  readonly getToken: (context: Parameters<TokenProvider>[0]) => Promise<string>;
  /** Refreshes now (joining a refresh in flight). Fails with `TenantSignInError` `session-ended`. */
  refresh(): Promise<StoredSession>;
  /** `GET /auth/user`; undefined on the older flow, which has no such operation. */
  user(): Promise<SignedInUser | undefined>;
  /** Ends the session on the server (refreshing first if the access token expired); then it is unusable. */
  signOut(): Promise<void>;
}

const DEFAULT_REFRESH_MARGIN_MS = 60_000;

/** The stored form of a tokens answer received at `now`. */
export function toStoredSession(
  tokens: SessionTokens,
  identity: Pick<StoredSession, 'username' | 'domain'>,
  now: number,
): StoredSession {
  return {
    flow: 'current',
    username: identity.username,
    ...(identity.domain === undefined ? {} : { domain: identity.domain }),
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    issuedAt: now,
    expiresAt: now + tokens.expires_in * 1000,
  };
}

function sessionEnded(message: string): TenantSignInError {
  return new TenantSignInError(message, { method: 'POST', reason: 'session-ended' });
}

class Session implements TenantSession {
  #current: StoredSession;
  #ended = false;
  #inflight: Promise<StoredSession> | undefined;
  readonly #api: AuthApi;
  readonly #options: SessionOptions;
  readonly #now: () => number;

  constructor(stored: StoredSession, options: SessionOptions, api: AuthApi) {
    this.#current = stored;
    this.#options = options;
    this.#api = api;
    this.#now = options.now ?? Date.now;
  }

  get current(): StoredSession {
    return this.#current;
  }

  /** Whether the access token is expired or about to be. */
  #due(session: StoredSession): boolean {
    const life = session.expiresAt - session.issuedAt;
    const margin = Math.min(this.#options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS, life / 4);
    return this.#now() >= session.expiresAt - margin;
  }

  readonly getToken = async ({ refresh, rejectedToken }: Parameters<TokenProvider>[0]): Promise<string> => {
    if (this.#ended) throw sessionEnded('this session was signed out');
    const current = this.#current;
    // A request that waited while another one refreshed needs no refresh of its own.
    if (refresh && rejectedToken !== undefined && rejectedToken !== current.accessToken) {
      return current.accessToken;
    }
    if (refresh || this.#due(current)) return (await this.#replace(current.accessToken)).accessToken;
    return current.accessToken;
  };

  refresh(): Promise<StoredSession> {
    return this.#replace(this.#current.accessToken);
  }

  /** Replaces the access token `stale`, one refresh at a time for everyone waiting. */
  #replace(stale: string): Promise<StoredSession> {
    this.#inflight ??= this.#refreshOnce(stale).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #refreshOnce(stale: string): Promise<StoredSession> {
    const step = async (stored?: StoredSession): Promise<StoredSession> => {
      const from = stored ?? this.#current;
      let next: StoredSession;
      if (from.accessToken !== stale && !this.#due(from)) {
        next = from; // another process refreshed (or signed in) since this one read the session
      } else if (from.refreshToken === undefined) {
        throw sessionEnded('the access token expired and this PBX has no refresh: sign in again');
      } else {
        const tokens = await this.#api.refresh(from.refreshToken);
        next = toStoredSession(tokens, from, this.#now());
      }
      this.#current = next;
      await this.#options.onTokens?.(next);
      return next;
    };
    const coordinate = this.#options.coordinateRefresh;
    return coordinate ? coordinate(step) : step();
  }

  async user(): Promise<SignedInUser | undefined> {
    if (this.#current.flow === 'legacy') return undefined;
    return this.#api.user(this.getToken);
  }

  async signOut(): Promise<void> {
    if (this.#ended) return;
    let token: string;
    try {
      token = await this.getToken({ refresh: false });
    } catch (error) {
      // Nothing to end on the server: the session ended there already.
      if (error instanceof TenantSignInError && error.reason === 'session-ended') {
        this.#ended = true;
        return;
      }
      throw error;
    }
    await this.#api.signOut(this.#current.flow === 'legacy' ? '/logout' : '/auth/sign_out', token);
    this.#ended = true;
  }
}

/** A session from tokens stored earlier (by `onTokens`). Sends nothing until a token is needed. */
export function resumeSession(stored: StoredSession, options: SessionOptions): TenantSession {
  return new Session(stored, options, createAuthApi(options));
}

/** @internal The session `signIn` returns, on the API it signed in with. */
export function openSession(stored: StoredSession, options: SessionOptions, api: AuthApi): TenantSession {
  return new Session(stored, options, api);
}

// Where to connect and with which token: flags, then environment, then the profile.
import type { TenantClient } from '@tenantctl/client';
import type { ClientTuning, CommandDeps } from './command-deps.js';
import { configPath, type Profile, readConfig } from './config-file.js';
import { ExitCode, ExitError, NotConnectedError, unreadableFileError, usageError } from './exit-error.js';
import type { Io } from './io.js';
import type { ProfileSessionRef } from './profile-session.js';

export interface ConnectionFlags {
  url?: string;
  tokenFile?: string;
  tokenStdin?: boolean;
  profile?: string;
  timeout?: string;
}

/** Where the token is to be read from, and how to name that place in messages (never the token). */
type TokenChoice =
  | { from: 'stdin'; source: string }
  | { from: 'file'; path: string; source: string }
  | { from: 'value'; value: string; source: string }
  | { from: 'session'; session: NonNullable<Profile['session']>; source: string };

export interface ConnectionChoice {
  profileName: string;
  /** Where the profile name came from, for messages: `--profile`, `TENANTCTL_PROFILE` or `the default`. */
  profileFrom: string;
  url: string | undefined;
  /** Where the URL came from, for messages: `--url`, `TENANTCTL_URL` or the profile. */
  urlFrom?: string;
  token: TokenChoice | undefined;
  /** Why the profile's session was not used although there is one (it is for another URL). */
  sessionSkipped?: string;
}

/**
 * The precedence rule, without any I/O: for the URL, `--url`, then `TENANTCTL_URL`, then the profile;
 * for the token, `--token-stdin`, `--token-file`, `TENANTCTL_TOKEN`, the profile's token, its token file,
 * then its session (`tenantctl auth login`), used only when the URL is the one it was signed in at.
 */
export function chooseConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  profiles: Readonly<Record<string, Profile>>,
): ConnectionChoice {
  const [profileName, profileFrom] =
    flags.profile !== undefined
      ? [flags.profile, '--profile']
      : env.TENANTCTL_PROFILE !== undefined
        ? [env.TENANTCTL_PROFILE, 'TENANTCTL_PROFILE']
        : ['default', 'the default'];
  const profile = profiles[profileName];
  if (flags.profile !== undefined && !profile) {
    throw usageError(
      `no profile "${flags.profile}"; create it with tenantctl config set --profile ${flags.profile} --url URL`,
    );
  }
  const [url, urlFrom] =
    flags.url !== undefined
      ? [flags.url, '--url']
      : env.TENANTCTL_URL
        ? [env.TENANTCTL_URL, 'TENANTCTL_URL']
        : [profile?.url, profile?.url === undefined ? undefined : `profile "${profileName}"`];
  const where = { profileName, profileFrom, url, ...(urlFrom === undefined ? {} : { urlFrom }) };
  let token: TokenChoice | undefined;
  if (flags.tokenStdin) token = { from: 'stdin', source: 'standard input (--token-stdin)' };
  else if (flags.tokenFile)
    token = { from: 'file', path: flags.tokenFile, source: `--token-file ${flags.tokenFile}` };
  else if (env.TENANTCTL_TOKEN?.trim())
    token = { from: 'value', value: env.TENANTCTL_TOKEN.trim(), source: 'TENANTCTL_TOKEN' };
  else if (profile?.token)
    token = { from: 'value', value: profile.token, source: `profile "${profileName}"` };
  else if (profile?.tokenFile) {
    token = { from: 'file', path: profile.tokenFile, source: `the token file of profile "${profileName}"` };
  } else if (profile?.session) {
    // Tokens go only to the server that issued them, whatever --url or TENANTCTL_URL say.
    if (url === profile.url) {
      token = {
        from: 'session',
        session: profile.session,
        source: `the session of profile "${profileName}"`,
      };
    } else {
      return {
        ...where,
        token,
        sessionSkipped: `the session of profile "${profileName}" is for ${profile.url}, not ${url}`,
      };
    }
  }
  return { ...where, token };
}

export type Connection = {
  url: string;
  /** Where the token came from, for messages (never the token itself). */
  tokenSource: string;
} & ({ token: string; session?: never } | { session: ProfileSessionRef; token?: never });

export async function resolveConnection(
  flags: ConnectionFlags,
  deps: Pick<CommandDeps, 'io' | 'readTextFile'>,
): Promise<Connection> {
  // The config file is read only when the flags and the environment leave something to a profile:
  // a script that sets TENANTCTL_URL and TENANTCTL_TOKEN does not pay for it.
  const withoutProfiles = flags.profile === undefined ? chooseConnection(flags, deps.io.env, {}) : undefined;
  const choice =
    withoutProfiles?.url && withoutProfiles.token
      ? withoutProfiles
      : chooseConnection(flags, deps.io.env, (await readConfig(configPath(deps.io.env))).profiles);
  if (!choice.url) {
    throw new NotConnectedError(
      ExitCode.usage,
      'no server URL: pass --url, set TENANTCTL_URL, run tenantctl auth login, or run tenantctl config set --url URL',
    );
  }
  const { token } = choice;
  if (!token) {
    const skipped = choice.sessionSkipped ? ` (${choice.sessionSkipped})` : '';
    throw new NotConnectedError(
      ExitCode.auth,
      `no token${skipped}: run tenantctl auth login, set TENANTCTL_TOKEN, or pass --token-file FILE or --token-stdin`,
    );
  }
  if (token.from === 'session') {
    const session: ProfileSessionRef = {
      configPath: configPath(deps.io.env),
      profileName: choice.profileName,
      url: choice.url,
      stored: token.session,
    };
    return { url: choice.url, session, tokenSource: token.source };
  }
  let value: string;
  if (token.from === 'value') value = token.value;
  else if (token.from === 'stdin') value = (await deps.io.readStdin()).trim();
  else {
    try {
      value = (await deps.readTextFile(token.path)).trim();
    } catch (error) {
      throw unreadableFileError(`the token file ${token.path}`, error);
    }
  }
  if (!value) throw new ExitError(ExitCode.auth, `no token in ${token.source}`);
  return { url: choice.url, token: value, tokenSource: token.source };
}

/** `--timeout SECONDS` in milliseconds, or undefined for the client's default. */
export function timeoutMs(flags: ConnectionFlags): number | undefined {
  if (flags.timeout === undefined) return undefined;
  const ms = Number(flags.timeout) * 1000;
  if (!(ms > 0) || !Number.isFinite(ms)) throw usageError('--timeout takes a number of seconds, e.g. 2.5');
  return ms;
}

/** How the CLI reaches a server, for the client and for sign-in alike: its fetch, user agent and timeout. */
export async function transportOptions(flags: ConnectionFlags) {
  const ms = timeoutMs(flags);
  const { nodeHttpFetch } = await import('./node-http-fetch.js');
  return { fetch: nodeHttpFetch, userAgent: 'tenantctl', ...(ms ? { timeoutMs: ms } : {}) };
}

/** The client for a resolved connection: the CLI's node:http fetch, its user agent, retries logged on --verbose. */
export async function createClientFor(
  connection: Connection,
  flags: ConnectionFlags,
  io: Io,
  tuning: ClientTuning = {},
): Promise<TenantClient> {
  const [{ createTenantClient }, transport] = await Promise.all([
    import('@tenantctl/client'),
    transportOptions(flags),
  ]);
  const { openProfileSession } = connection.session ? await import('./profile-session.js') : {};
  try {
    const credential =
      connection.session && openProfileSession
        ? { getToken: (await openProfileSession(connection.session, transport)).getToken }
        : { token: connection.token ?? '' };
    return createTenantClient({
      baseUrl: connection.url,
      ...credential,
      ...transport,
      retry: {
        ...(tuning.retries === undefined ? {} : { retries: tuning.retries }),
        onRetry: (event) => {
          if (io.verbose) io.err(`retrying ${event.method} in ${event.delayMs} ms (${event.reason})`);
          tuning.onRetry?.(event);
        },
      },
    });
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw usageError(`bad server URL: ${error.message}`);
  }
}

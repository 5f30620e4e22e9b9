// Where to connect and with which token: flags, then environment, then the profile.
import type { TenantClient } from '@tenantctl/client';
import type { CommandDeps } from './command-deps.js';
import { configPath, type Profile, readConfig } from './config-file.js';
import { ExitCode, ExitError, unreadableFileError, usageError } from './exit-error.js';
import type { Io } from './io.js';

export interface ConnectionFlags {
  url?: string;
  tokenFile?: string;
  tokenStdin?: boolean;
  profile?: string;
  timeout?: string;
}

/** Where the token is to be read from, and how to name that place in messages (never the token). */
export type TokenChoice =
  | { from: 'stdin'; source: string }
  | { from: 'file'; path: string; source: string }
  | { from: 'value'; value: string; source: string };

export interface ConnectionChoice {
  profileName: string;
  url: string | undefined;
  token: TokenChoice | undefined;
}

/**
 * The precedence rule, without any I/O: for the URL, `--url`, then `TENANTCTL_URL`, then the profile;
 * for the token, `--token-stdin`, `--token-file`, `TENANTCTL_TOKEN`, the profile's token, its token file.
 */
export function chooseConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv,
  profiles: Readonly<Record<string, Profile>>,
): ConnectionChoice {
  const profileName = flags.profile ?? env.TENANTCTL_PROFILE ?? 'default';
  const profile = profiles[profileName];
  if (flags.profile !== undefined && !profile) {
    throw usageError(
      `no profile "${flags.profile}"; create it with tenantctl config set --profile ${flags.profile} --url URL`,
    );
  }
  const url = flags.url ?? (env.TENANTCTL_URL || undefined) ?? profile?.url;
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
  }
  return { profileName, url, token };
}

export interface Connection {
  url: string;
  token: string;
  /** Where the token came from, for messages (never the token itself). */
  tokenSource: string;
}

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
    throw usageError('no server URL: pass --url, set TENANTCTL_URL, or run tenantctl config set --url URL');
  }
  const { token } = choice;
  if (!token) {
    throw new ExitError(
      ExitCode.auth,
      'no token: set TENANTCTL_TOKEN, pass --token-file FILE or --token-stdin, or run tenantctl config set',
    );
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

/** The client for a resolved connection: the CLI's node:http fetch, its user agent, retries logged on --verbose. */
export async function createClientFor(
  connection: Connection,
  flags: ConnectionFlags,
  io: Io,
): Promise<TenantClient> {
  const ms = timeoutMs(flags);
  const [{ createTenantClient }, { nodeHttpFetch }] = await Promise.all([
    import('@tenantctl/client'),
    import('./node-http-fetch.js'),
  ]);
  try {
    return createTenantClient({
      baseUrl: connection.url,
      token: connection.token,
      fetch: nodeHttpFetch,
      userAgent: 'tenantctl',
      ...(ms ? { timeoutMs: ms } : {}),
      retry: {
        onRetry: (event) => {
          if (io.verbose) io.err(`retrying ${event.method} in ${event.delayMs} ms (${event.reason})`);
        },
      },
    });
  } catch (error) {
    throw usageError(`bad server URL: ${(error as Error).message}`);
  }
}

// Where to connect and with which token: flags, then environment, then the profile.
import { readFile } from 'node:fs/promises';
import type { TenantClient } from '@tenantctl/client';
import { configPath, readConfig } from './config-file.js';
import { ExitCode, ExitError, usageError } from './exit-error.js';
import type { Io } from './io.js';

export interface ConnectionFlags {
  url?: string;
  tokenFile?: string;
  tokenStdin?: boolean;
  profile?: string;
  timeout?: string;
}

export interface Connection {
  url: string;
  token: string;
  /** Where the token came from, for messages (never the token itself). */
  tokenSource: string;
}

async function readTokenFile(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    throw usageError(
      `cannot read the token file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

export async function resolveConnection(flags: ConnectionFlags, io: Io): Promise<Connection> {
  const profileName = flags.profile ?? io.env.TENANTCTL_PROFILE ?? 'default';
  const profile = (await readConfig(configPath(io.env))).profiles[profileName] ?? {};
  if (flags.profile && !profile.url && !profile.token && !profile.tokenFile) {
    throw usageError(
      `no profile "${flags.profile}"; create it with tenantctl config set --profile ${flags.profile} --url URL`,
    );
  }
  const url = flags.url ?? io.env.TENANTCTL_URL ?? profile.url;
  if (!url) {
    throw usageError('no server URL: pass --url, set TENANTCTL_URL, or run tenantctl config set --url URL');
  }
  let token: string | undefined;
  let tokenSource = '';
  if (flags.tokenStdin) {
    token = (await io.readStdin()).trim();
    tokenSource = 'standard input';
  } else if (flags.tokenFile) {
    token = await readTokenFile(flags.tokenFile);
    tokenSource = `--token-file ${flags.tokenFile}`;
  } else if (io.env.TENANTCTL_TOKEN) {
    token = io.env.TENANTCTL_TOKEN.trim();
    tokenSource = 'TENANTCTL_TOKEN';
  } else if (profile.token) {
    token = profile.token;
    tokenSource = `profile "${profileName}"`;
  } else if (profile.tokenFile) {
    token = await readTokenFile(profile.tokenFile);
    tokenSource = `the token file of profile "${profileName}"`;
  }
  if (!token) {
    throw new ExitError(
      ExitCode.auth,
      'no token: set TENANTCTL_TOKEN, pass --token-file FILE or --token-stdin, or run tenantctl config set',
    );
  }
  return { url, token, tokenSource };
}

export async function connect(
  flags: ConnectionFlags,
  io: Io,
): Promise<{ client: TenantClient; connection: Connection }> {
  const connection = await resolveConnection(flags, io);
  const { createTenantClient } = await import('@tenantctl/client');
  const timeoutMs = flags.timeout === undefined ? undefined : Number(flags.timeout) * 1000;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw usageError('--timeout takes a number of seconds');
  let client: TenantClient;
  try {
    const { nodeHttpFetch } = await import('./node-http-fetch.js');
    client = createTenantClient({
      baseUrl: connection.url,
      token: connection.token,
      fetch: nodeHttpFetch,
      userAgent: 'tenantctl',
      ...(timeoutMs ? { timeoutMs } : {}),
      retry: {
        onRetry: (event) => {
          if (io.verbose) io.err(`retrying ${event.method} in ${event.delayMs} ms (${event.reason})`);
        },
      },
    });
  } catch (error) {
    throw usageError(`bad server URL: ${(error as Error).message}`);
  }
  return { client, connection };
}

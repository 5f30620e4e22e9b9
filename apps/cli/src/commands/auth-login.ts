// `tenantctl auth login`: signs in with a user name and password (and a one-time code when the PBX
// asks), then keeps the session in the profile. The password is read from a terminal without echo or
// from standard input, never from argv, and is not stored.
import type { TenantApiError, TenantValidationError } from '@tenantctl/client';
import type { StoredSession } from '@tenantctl/client/session';
import type { CommandDeps } from '../command-deps.js';
import { configLockPath, configPath, readConfig, updateProfile } from '../config-file.js';
import { transportOptions } from '../connection.js';
import { ExitCode, type ExitCodeValue, usageError } from '../exit-error.js';
import { withFileLock } from '../file-lock.js';
import type { Io } from '../io.js';
import type { AuthLoginOptions } from '../program.js';

/** The API's base URL: from the flags, the environment, the profile, or the person at the terminal. */
async function chooseUrl(options: AuthLoginOptions, io: Io, remembered: string | undefined) {
  const given = options.url ?? (io.env.TENANTCTL_URL || undefined) ?? remembered;
  const url = given ?? (await io.prompter?.ask('URL of the PBX API (e.g. https://pbx.example.com/api): '));
  if (!url)
    throw usageError('no server URL: pass --url, set TENANTCTL_URL, or run on a terminal to be asked');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`"${url}" is not an absolute URL (e.g. https://pbx.example.com/api)`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw usageError(`the URL must start with https:// (or http://), not ${parsed.protocol}//`);
  }
  return url;
}

async function chooseUsername(options: AuthLoginOptions, io: Io, previous: string | undefined) {
  if (options.username !== undefined) return options.username;
  if (io.prompter) {
    const typed = (await io.prompter.ask(previous ? `User name [${previous}]: ` : 'User name: ')).trim();
    return typed || previous || '';
  }
  if (previous) return previous;
  throw usageError('no user name: pass --username NAME, or run on a terminal to be asked');
}

async function readPassword(options: AuthLoginOptions, io: Io): Promise<string> {
  if (options.passwordStdin) {
    const line = await io.readLine();
    if (!line) throw usageError('--password-stdin: no password on the first line of standard input');
    return line;
  }
  if (io.prompter) return io.prompter.askSecret('Password: ');
  throw usageError(
    'no password: tenantctl asks for it on a terminal; in a script pass --password-stdin and give it on standard input (never as an argument)',
  );
}

/** Supplies the one-time code, asked for only once the PBX has mailed it. */
function codeReader(options: AuthLoginOptions, io: Io) {
  if (options.passwordStdin) {
    return async ({ username }: { username: string }) => {
      io.err(`A one-time code was mailed to ${username}; reading it from the next line of standard input.`);
      const line = await io.readLine();
      if (!line) {
        throw usageError(
          'this user has a second factor: give the one-time code on the line after the password',
        );
      }
      return line;
    };
  }
  const { prompter } = io;
  if (!prompter) return undefined;
  return async ({ username }: { username: string }) => {
    io.err(`A one-time code was mailed to ${username}.`);
    return prompter.ask('One-time code: ');
  };
}

/** A server's "domain is required" as the flag that supplies it. */
function domainNeeded(error: unknown): boolean {
  const client = error as Partial<TenantApiError & TenantValidationError>;
  return client.kind === 'validation' && (client.violations ?? []).some((v) => v.field === 'domain');
}

export async function run(options: AuthLoginOptions, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const path = configPath(io.env);
  const profileName = options.profile ?? io.env.TENANTCTL_PROFILE ?? 'default';
  const profile = (await readConfig(path)).profiles[profileName];
  const url = await chooseUrl(options, io, profile?.url);
  // What the last sign-in at this URL remembered: the user, the domain, and which flow the PBX has.
  const previous = profile?.url === url ? profile.session : undefined;
  const username = await chooseUsername(options, io, previous?.username);
  const domain = options.domain ?? (previous?.username === username ? previous.domain : undefined);
  const password = await readPassword(options, io);
  const oneTimeCode = codeReader(options, io);

  const [{ signIn, resumeSession }, transport] = await Promise.all([
    import('@tenantctl/client/session'),
    transportOptions(options),
  ]);
  let session: Awaited<ReturnType<typeof signIn>>;
  try {
    session = await signIn({
      baseUrl: url,
      username,
      password,
      ...(domain === undefined ? {} : { domain }),
      ...(oneTimeCode ? { oneTimeCode } : {}),
      ...(previous ? { flow: previous.flow } : {}),
      ...transport,
    });
  } catch (error) {
    if (domainNeeded(error)) {
      throw usageError(
        `the user name ${username} is used in more than one tenant: pass --domain (the tenant's SIP domain)`,
      );
    }
    throw error;
  }

  let replaced: string | undefined;
  await withFileLock(configLockPath(path), () =>
    updateProfile(path, profileName, (current) => {
      const next = { ...current, url, session: session.current };
      // A stored token would win over the session: signing in means using the session.
      if (next.token || next.tokenFile)
        replaced = next.token ? 'the stored token' : `the token file ${next.tokenFile}`;
      delete next.token;
      delete next.tokenFile;
      return next;
    }),
  );
  await endPrevious(previous, url, transport, resumeSession);

  io.err(
    `Signed in to ${url} as ${username} (profile "${profileName}"${session.current.flow === 'legacy' ? ', older /login flow: sign in again when the session expires' : ''}).`,
  );
  if (replaced) io.err(`The profile no longer uses ${replaced}.`);
  if (io.env.TENANTCTL_TOKEN?.trim()) {
    io.err('Note: TENANTCTL_TOKEN is set and wins over the session; unset it to use the session.');
  }
  return ExitCode.ok;
}

/** Ends the session this sign-in replaces, while its access token still works; nothing if it fails. */
async function endPrevious(
  previous: StoredSession | undefined,
  url: string,
  transport: Awaited<ReturnType<typeof transportOptions>>,
  resumeSession: typeof import('@tenantctl/client/session').resumeSession,
) {
  if (!previous || previous.expiresAt <= Date.now()) return;
  await resumeSession(previous, { baseUrl: url, ...transport, refreshMarginMs: 0 })
    .signOut()
    .catch(() => undefined);
}

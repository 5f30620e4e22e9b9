// `tenantctl auth status | token | logout`: the profile's session (see auth-login.ts) as the other
// commands use it: refreshed when needed, the rotated tokens saved under the config's lock.
import type { TenantSession } from '@tenantctl/client/session';
import type { CommandDeps } from '../command-deps.js';
import { configPath, readConfig } from '../config-file.js';
import { type Connection, type ConnectionFlags, resolveConnection, transportOptions } from '../connection.js';
import { ExitCode, type ExitCodeValue, NotConnectedError } from '../exit-error.js';
import { openProfileSession, type ProfileSessionRef, storeSession } from '../profile-session.js';

function signInHint(profileName: string): string {
  return `tenantctl auth login${profileName === 'default' ? '' : ` --profile ${profileName}`}`;
}

function profileNameOf(flags: ConnectionFlags, env: NodeJS.ProcessEnv): string {
  return flags.profile ?? env.TENANTCTL_PROFILE ?? 'default';
}

/** The connection other commands would use; undefined when there is no URL, token or session at all. */
async function connectionOrNone(flags: ConnectionFlags, deps: CommandDeps): Promise<Connection | undefined> {
  try {
    return await resolveConnection(flags, deps);
  } catch (error) {
    if (error instanceof NotConnectedError) return undefined;
    throw error;
  }
}

async function sessionOf(ref: ProfileSessionRef, flags: ConnectionFlags): Promise<TenantSession> {
  return openProfileSession(ref, await transportOptions(flags));
}

/** "2026-11-30 07:10:00 UTC (in 29 min)". */
export function describeExpiry(at: number, renews: boolean, now = Date.now()): string {
  const when = `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const seconds = Math.round((at - now) / 1000);
  if (seconds <= 0) return `${when} (expired${renews ? ': renewed at the next use' : ''})`;
  return `${when} (in ${seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`})`;
}

export async function status(flags: ConnectionFlags, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const profileName = profileNameOf(flags, io.env);
  const connection = await connectionOrNone(flags, deps);
  if (!connection) {
    io.err(`Not signed in (profile "${profileName}"): run ${signInHint(profileName)}`);
    return ExitCode.auth;
  }
  if (!connection.session) {
    io.out(`url: ${connection.url}\ntoken: from ${connection.tokenSource} (it wins over a stored session)`);
    return ExitCode.ok;
  }
  const session = await sessionOf(connection.session, flags);
  const user = await session.user();
  const current = session.current;
  const ended = current.refreshToken === undefined && current.expiresAt <= Date.now();
  const lines = [
    `profile: ${profileName}`,
    `url: ${connection.url}`,
    `user: ${current.username}${current.domain ? `@${current.domain}` : ''}`,
    `role: ${user?.role ?? current.role ?? '(not said)'}`,
  ];
  if (user?.password_force_reset) lines.push('password: must be changed (the PBX asks for a new one)');
  lines.push(
    `access token expires: ${describeExpiry(current.expiresAt, current.refreshToken !== undefined)}`,
    current.flow === 'legacy'
      ? 'flow: older /login (no refresh: sign in again when it expires)'
      : 'flow: /auth/sign_in (renewed automatically)',
  );
  io.out(lines.join('\n'));
  if (ended) {
    io.err(`The session has expired (this PBX has no refresh): run ${signInHint(profileName)}`);
    return ExitCode.auth;
  }
  return ExitCode.ok;
}

export async function token(flags: ConnectionFlags, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const connection = await connectionOrNone(flags, deps);
  if (!connection) {
    const profileName = profileNameOf(flags, io.env);
    io.err(`Not signed in (profile "${profileName}"): run ${signInHint(profileName)}`);
    return ExitCode.auth;
  }
  // The token the other commands would send: a session's is refreshed first when it is about to expire.
  io.out(
    connection.session
      ? await (await sessionOf(connection.session, flags)).getToken({ refresh: false })
      : connection.token,
  );
  return ExitCode.ok;
}

export async function logout(flags: ConnectionFlags, deps: CommandDeps): Promise<ExitCodeValue> {
  const { io } = deps;
  const path = configPath(io.env);
  const profileName = profileNameOf(flags, io.env);
  const profile = (await readConfig(path)).profiles[profileName];
  if (!profile?.session || !profile.url) {
    io.err(`Not signed in (profile "${profileName}"); nothing to do.`);
    return ExitCode.ok;
  }
  const ref: ProfileSessionRef = { configPath: path, profileName, url: profile.url, stored: profile.session };
  let failure: unknown;
  try {
    await (await sessionOf(ref, flags)).signOut();
  } catch (error) {
    failure = error;
  }
  // Whatever the server said, this machine forgets the tokens.
  await storeSession(ref, undefined);
  if (failure) {
    io.err(`Removed the session from profile "${profileName}", but could not end it on the server:`);
    throw failure;
  }
  io.err(`Signed out of ${profile.url} (profile "${profileName}").`);
  return ExitCode.ok;
}

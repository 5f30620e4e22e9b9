// A profile's stored session as a client's `getToken`: every refresh runs under the config's lock,
// re-reads the profile first (another process may have refreshed it) and saves the rotated tokens.
import type { SessionOptions, StoredSession, TenantSession } from '@tenantctl/client/session';
import { configLockPath, readConfig, updateProfile } from './config-file.js';
import { withFileLock } from './file-lock.js';

/** Which profile a session belongs to, and its tokens as read. */
export interface ProfileSessionRef {
  configPath: string;
  profileName: string;
  /** The profile's URL: a session is only ever sent to the server that issued it. */
  url: string;
  stored: StoredSession;
}

/** The session stored in the profile now, if it is still one for `url`. */
export async function readStoredSession(
  configPath: string,
  profileName: string,
  url: string,
): Promise<StoredSession | undefined> {
  const profile = (await readConfig(configPath)).profiles[profileName];
  return profile?.url === url ? profile.session : undefined;
}

/** Stores `session` (or removes the stored one) in the profile, under the lock. */
export async function storeSession(
  ref: Pick<ProfileSessionRef, 'configPath' | 'profileName' | 'url'>,
  session: StoredSession | undefined,
  options: { locked?: boolean } = {},
): Promise<void> {
  const write = () =>
    updateProfile(ref.configPath, ref.profileName, (profile) => {
      const next = { ...profile, url: ref.url };
      if (session) next.session = session;
      else delete next.session;
      return next;
    });
  await (options.locked ? write() : withFileLock(configLockPath(ref.configPath), write));
}

/** Resumes the profile's session; `connection` is how to reach the server (fetch, timeout, user agent). */
export async function openProfileSession(
  ref: ProfileSessionRef,
  connection: Omit<SessionOptions, 'baseUrl' | 'onTokens' | 'coordinateRefresh'>,
): Promise<TenantSession> {
  const { resumeSession } = await import('@tenantctl/client/session');
  return resumeSession(ref.stored, {
    ...connection,
    baseUrl: ref.url,
    // Called inside coordinateRefresh, so the lock is held already.
    onTokens: (next) => storeSession(ref, next, { locked: true }),
    coordinateRefresh: (refresh) =>
      withFileLock(configLockPath(ref.configPath), async () =>
        refresh(await readStoredSession(ref.configPath, ref.profileName, ref.url)),
      ),
  });
}

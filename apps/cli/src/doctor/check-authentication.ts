// How this PBX signs users in, and whether the credential in effect works: a stored session is
// refreshed (which also proves the refresh token is alive), a plain token is judged by GET /tenant.
import { TenantSignInError } from '@tenantctl/client';
import { describeExpiry } from '../commands/auth.js';
import type { ProfileSessionRef } from '../profile-session.js';
import { type Finding, finding } from './finding.js';

export type Send = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Probes the sign-in operations with an empty body: a PBX that has one answers 400 (nothing to check,
 * so no failed attempt is counted against the user), one that has not answers 404.
 */
export async function detectSignInFlow(baseUrl: string, send: Send): Promise<Finding> {
  const probe = async (path: string) => {
    const response = await send(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    // Read to the end: an unread answer keeps its connection, and tenantctl, alive until the server drops it.
    await response.text();
    return response.status;
  };
  // A server error says nothing of what the PBX offers: a proxy or a PBX that fails answers it to all.
  const unknown = (path: string, status: number) =>
    finding('authentication', 'skip', `sign-in: not known (POST ${path} answered ${status})`);
  try {
    const current = await probe('/auth/sign_in');
    if (current >= 500) return unknown('/auth/sign_in', current);
    if (current !== 404) {
      return finding(
        'authentication',
        'ok',
        'sign-in: this PBX offers /auth/sign_in (sessions renew themselves)',
        { data: { flow: 'current' } },
      );
    }
    const legacy = await probe('/login');
    if (legacy >= 500) return unknown('/login', legacy);
    if (legacy !== 404) {
      return finding(
        'authentication',
        'ok',
        'sign-in: this PBX offers only the older /login (no refresh: sign in again when the token expires)',
        {
          data: { flow: 'legacy' },
        },
      );
    }
    return finding(
      'authentication',
      'warn',
      'sign-in: this PBX offers no sign-in by password (neither /auth/sign_in nor /login)',
      {
        advice: 'use an API token: TENANTCTL_TOKEN, --token-file or tenantctl config set --token-stdin',
        data: { flow: 'none' },
      },
    );
  } catch (error) {
    return finding('authentication', 'skip', `sign-in: not probed (${(error as Error).message})`);
  }
}

export interface SessionCheck {
  finding: Finding;
  /** The access token to read the tenant with, when the session works. */
  accessToken?: string;
}

/** The profile's session: who, until when, and a refresh (saved, as any command would). */
export async function checkSession(
  ref: ProfileSessionRef,
  open: (ref: ProfileSessionRef) => Promise<{
    current: { username: string; expiresAt: number; refreshToken?: string; accessToken: string };
    refresh(): Promise<{ expiresAt: number; accessToken: string }>;
  }>,
  now = Date.now(),
): Promise<SessionCheck> {
  const session = await open(ref);
  const { current } = session;
  const who = `the session of profile "${ref.profileName}" (user ${current.username})`;
  const signIn = `tenantctl auth login${ref.profileName === 'default' ? '' : ` --profile ${ref.profileName}`}`;
  if (current.refreshToken === undefined) {
    if (current.expiresAt <= now) {
      return {
        finding: finding('authentication', 'fail', `${who} has expired, and this PBX has no refresh`, {
          advice: `sign in again: ${signIn}`,
        }),
      };
    }
    return {
      finding: finding(
        'authentication',
        'warn',
        `${who}: the access token expires ${describeExpiry(current.expiresAt, false, now)}; this PBX has no refresh`,
        {
          advice: `sign in again after that: ${signIn}`,
          data: { expiresAt: new Date(current.expiresAt).toISOString(), refresh: false },
        },
      ),
      accessToken: current.accessToken,
    };
  }
  const before = describeExpiry(current.expiresAt, true, now);
  try {
    const refreshed = await session.refresh();
    return {
      finding: finding(
        'authentication',
        'ok',
        `${who}: a refresh works; the access token now expires ${describeExpiry(refreshed.expiresAt, true, now)}`,
        {
          data: { expiresAt: new Date(refreshed.expiresAt).toISOString(), refresh: true },
        },
      ),
      accessToken: refreshed.accessToken,
    };
  } catch (error) {
    if (error instanceof TenantSignInError && error.reason === 'session-ended') {
      return {
        finding: finding(
          'authentication',
          'fail',
          `${who} has ended: the PBX refused its refresh token (access token ${before})`,
          {
            advice: `sign in again: ${signIn}`,
          },
        ),
      };
    }
    return {
      finding: finding('authentication', 'fail', `${who}: the refresh failed: ${(error as Error).message}`),
    };
  }
}

/** A plain token, judged by the status of GET /tenant. */
export function checkTokenAnswer(source: string, status: number): Finding {
  if (status === 401 || status === 403) {
    return finding('authentication', 'fail', `the token from ${source} is refused (${status})`, {
      advice: 'get a new token, or sign in with tenantctl auth login',
    });
  }
  if (status >= 200 && status < 300)
    return finding('authentication', 'ok', `the token from ${source} is accepted`);
  return finding(
    'authentication',
    'skip',
    `the token from ${source}: not judged (GET /tenant answered ${status})`,
  );
}

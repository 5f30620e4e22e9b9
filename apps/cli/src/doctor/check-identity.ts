// Who the credential signs in as (its role: a tenant's Admin, or a SystemAdmin or a Dealer who reach
// many tenants) and the PBX's version, each from one request with the token doctor already holds.
import type { Send } from './check-authentication.js';
import { type Finding, finding } from './finding.js';

/** The vendor's roles that act on the tenant collection rather than on one tenant. */
export const isSystemRole = (role: string | undefined) =>
  role !== undefined && /^(systemadmin|dealer)$/i.test(role);

async function getJson(send: Send, url: string, token: string) {
  const response = await send(url, {
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return {
    status: response.status,
    body: body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : undefined,
  };
}

/** `GET /auth/user`: the signed-in user and role; an API token has none (it is a tenant's own). */
export async function checkRole(
  baseUrl: string,
  token: string,
  send: Send,
): Promise<{ finding: Finding; role?: string }> {
  try {
    const { status, body } = await getJson(send, `${baseUrl}/auth/user`, token);
    const role = typeof body?.role === 'string' ? body.role : undefined;
    if (status === 200 && role !== undefined) {
      const reach = isSystemRole(role)
        ? 'reaches the tenants of the PBX (tenantctl tenants list; --tenant ID|NAME)'
        : 'reaches its own tenant';
      return {
        finding: finding(
          'authentication',
          'ok',
          `signed in as ${String(body?.username ?? 'a user')}, role ${role}: ${reach}`,
          {
            data: { role },
          },
        ),
        role,
      };
    }
    // /auth/user refuses a token no user signed in for; any other answer tells nothing of the token.
    if (status !== 401 && status !== 403) {
      const answer = status === 200 ? '200 without a role' : String(status);
      return {
        finding: finding('authentication', 'skip', `role: not read (GET /auth/user answered ${answer})`),
      };
    }
    return {
      finding: finding(
        'authentication',
        'ok',
        "role: an API token (a tenant's own; no user signs in with it)",
        {
          data: { role: null },
        },
      ),
    };
  } catch (error) {
    return { finding: finding('authentication', 'skip', `role: not read (${(error as Error).message})`) };
  }
}

/** `GET /tenant/status`: the PBX's version, when this credential may read it. */
export async function checkPbxVersion(baseUrl: string, token: string, send: Send): Promise<Finding> {
  try {
    const { status, body } = await getJson(send, `${baseUrl}/tenant/status`, token);
    if (status === 200 && typeof body?.version === 'string') {
      return finding('contract', 'ok', `PBX version: ${body.version}`, {
        data: { pbxVersion: body.version },
      });
    }
    return finding('contract', 'skip', `PBX version: not read (GET /tenant/status answered ${status})`);
  } catch (error) {
    return finding('contract', 'skip', `PBX version: not read (${(error as Error).message})`);
  }
}

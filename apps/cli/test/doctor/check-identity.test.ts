// The role a credential signs in as, and the PBX's version, each from the real reference server.
import { signInSystemUser } from '@tenantctl/server/testing';
import { describe, expect, it } from 'vitest';
import { checkPbxVersion, checkRole, isSystemRole } from '../../src/doctor/check-identity.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();
const send = (url: string, init: RequestInit) => fetch(url, init);

describe('checkRole', () => {
  it("names a SystemAdmin's role and what it reaches", async () => {
    const admin = await signInSystemUser(context.server, 'SystemAdmin', 'root');
    const checked = await checkRole(context.server.url, admin.token, send);
    expect(checked.role).toBe('SystemAdmin');
    expect(checked.finding).toMatchObject({
      check: 'authentication',
      status: 'ok',
      summary:
        'signed in as root, role SystemAdmin: reaches the tenants of the PBX (tenantctl tenants list; --tenant ID|NAME)',
      data: { role: 'SystemAdmin' },
    });
  });

  it('says an API token has no user, and that an unreachable server was not asked', async () => {
    const checked = await checkRole(context.server.url, context.server.tenant.token, send);
    expect(checked.role).toBeUndefined();
    expect(checked.finding.summary).toBe("role: an API token (a tenant's own; no user signs in with it)");
    const failing = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    expect((await checkRole(context.server.url, 't', failing)).finding).toMatchObject({
      status: 'skip',
      summary: 'role: not read (connect ECONNREFUSED)',
    });
  });
});

describe('checkPbxVersion', () => {
  it("reads the PBX's version where the credential may, and says why not elsewhere", async () => {
    expect(await checkPbxVersion(context.server.url, context.server.tenant.token, send)).toMatchObject({
      check: 'contract',
      status: 'ok',
      summary: expect.stringMatching(/^PBX version: tenantctl-reference /),
    });
    const dealer = await signInSystemUser(context.server, 'Dealer', 'reseller');
    expect(await checkPbxVersion(context.server.url, dealer.token, send)).toMatchObject({
      status: 'skip',
      summary: 'PBX version: not read (GET /tenant/status answered 403)',
    });
  });
});

describe('isSystemRole', () => {
  it.each([
    ['SystemAdmin', true],
    ['dealer', true],
    ['Admin', false],
    ['admin', false],
    [undefined, false],
  ])('%s → %s', (role, system) => {
    expect(isSystemRole(role)).toBe(system);
  });
});

// The role a credential signs in as, and the PBX's version, each from the real reference server.
import { signInSystemUser } from '@tenantctl/server/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPbxVersion, checkRole, isSystemRole } from '../../src/doctor/check-identity.js';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer();
const send = (url: string, init: RequestInit) => fetch(url, init);

const servers: LoopbackServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));
/** A PBX answering every request with this status and body; the Accept header of each is kept. */
async function answering(status: number, body: string): Promise<{ url: string; accepts: string[] }> {
  const accepts: string[] = [];
  const server = await startLoopbackServer((request, _body, response) => {
    accepts.push(String(request.headers.accept));
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  });
  servers.push(server);
  return { url: `${server.origin}/api`, accepts };
}

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
    expect(checked).toEqual({
      finding: {
        check: 'authentication',
        status: 'ok',
        summary: "role: an API token (a tenant's own; no user signs in with it)",
        data: { role: null },
      },
    });
    const failing = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    expect((await checkRole(context.server.url, 't', failing)).finding).toMatchObject({
      status: 'skip',
      summary: 'role: not read (connect ECONNREFUSED)',
    });
  });
});

describe('checkRole, with answers the reference server never gives', () => {
  it('a user without a name, of a tenant', async () => {
    const pbx = await answering(200, JSON.stringify({ role: 'Admin' }));
    expect(await checkRole(pbx.url, 't', send)).toEqual({
      finding: {
        check: 'authentication',
        status: 'ok',
        summary: 'signed in as a user, role Admin: reaches its own tenant',
        data: { role: 'Admin' },
      },
      role: 'Admin',
    });
    expect(pbx.accepts).toEqual(['application/json']);
  });

  it.each([
    ['a 200 without a role', 200, JSON.stringify({ username: 'x' })],
    ['a 200 whose role is not text', 200, JSON.stringify({ role: 7 })],
    ['a 200 that is not an object', 200, JSON.stringify('SystemAdmin')],
    ['a 200 of null', 200, 'null'],
    ['a 200 that is not JSON', 200, 'SystemAdmin'],
  ])('%s: no role is read', async (_what, status, body) => {
    const checked = await checkRole((await answering(status, body)).url, 't', send);
    expect(checked).toEqual({
      finding: {
        check: 'authentication',
        status: 'skip',
        summary: 'role: not read (GET /auth/user answered 200 without a role)',
      },
    });
  });

  it('a role in an answer that is not 200 is not believed', async () => {
    const checked = await checkRole(
      (await answering(500, JSON.stringify({ role: 'SystemAdmin' }))).url,
      't',
      send,
    );
    expect(checked).toEqual({
      finding: {
        check: 'authentication',
        status: 'skip',
        summary: 'role: not read (GET /auth/user answered 500)',
      },
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
    expect(await checkPbxVersion(context.server.url, dealer.token, send)).toEqual({
      check: 'contract',
      status: 'skip',
      summary: 'PBX version: not read (GET /tenant/status answered 403)',
    });
  });

  it('reads a version only from a 200 that has one, and says when it could not ask', async () => {
    expect(
      await checkPbxVersion((await answering(200, JSON.stringify({ version: '9.1' }))).url, 't', send),
    ).toEqual({
      check: 'contract',
      status: 'ok',
      summary: 'PBX version: 9.1',
      data: { pbxVersion: '9.1' },
    });
    expect(
      (await checkPbxVersion((await answering(200, JSON.stringify({ version: 9 }))).url, 't', send)).status,
    ).toBe('skip');
    expect(
      (await checkPbxVersion((await answering(500, JSON.stringify({ version: '9.1' }))).url, 't', send))
        .status,
    ).toBe('skip');
    const failing = async () => {
      throw new Error('connect ECONNREFUSED');
    };
    expect(await checkPbxVersion(context.server.url, 't', failing)).toEqual({
      check: 'contract',
      status: 'skip',
      summary: 'PBX version: not read (connect ECONNREFUSED)',
    });
  });
});

describe('isSystemRole', () => {
  it.each([
    ['SystemAdmin', true],
    ['dealer', true],
    ['Admin', false],
    ['admin', false],
    ['SystemAdministrator', false],
    ['SubDealer', false],
    [undefined, false],
  ])('%s → %s', (role, system) => {
    expect(isSystemRole(role)).toBe(system);
  });
});

import { TenantSignInError } from '@tenantctl/client';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSession, checkTokenAnswer, detectSignInFlow } from '../../src/doctor/check-authentication.js';
import { nodeHttpFetch } from '../../src/node-http-fetch.js';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.js';

const servers: LoopbackServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

/** A PBX that has the given sign-in paths (they answer 400 to an empty body) and nothing else. */
async function pbxWith(paths: string[], otherwise = 404): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = await startLoopbackServer((request, body, response) => {
    bodies.push(`${request.method} ${request.url} ${request.headers['content-type']} ${body}`);
    response.statusCode = paths.includes(request.url ?? '') ? 400 : otherwise;
    response.end();
  });
  servers.push(server);
  return { url: `${server.origin}/api`, bodies };
}

describe('detectSignInFlow', () => {
  it('finds the current flow, sending an empty body (no credential to count as a failed attempt)', async () => {
    const pbx = await pbxWith(['/api/auth/sign_in']);
    expect(await detectSignInFlow(pbx.url, nodeHttpFetch)).toEqual({
      check: 'authentication',
      status: 'ok',
      summary: 'sign-in: this PBX offers /auth/sign_in (sessions renew themselves)',
      data: { flow: 'current' },
    });
    expect(pbx.bodies).toEqual(['POST /api/auth/sign_in application/json {}']);
  });

  it('finds the older /login, or neither', async () => {
    expect(await detectSignInFlow((await pbxWith(['/api/login'])).url, nodeHttpFetch)).toEqual({
      check: 'authentication',
      status: 'ok',
      summary:
        'sign-in: this PBX offers only the older /login (no refresh: sign in again when the token expires)',
      data: { flow: 'legacy' },
    });
    expect(await detectSignInFlow((await pbxWith([])).url, nodeHttpFetch)).toEqual({
      check: 'authentication',
      status: 'warn',
      summary: 'sign-in: this PBX offers no sign-in by password (neither /auth/sign_in nor /login)',
      advice: 'use an API token: TENANTCTL_TOKEN, --token-file or tenantctl config set --token-stdin',
      data: { flow: 'none' },
    });
  });

  it('concludes nothing from a server error, or from no answer', async () => {
    expect(await detectSignInFlow((await pbxWith([], 503)).url, nodeHttpFetch)).toEqual({
      check: 'authentication',
      status: 'skip',
      summary: 'sign-in: not known (POST /auth/sign_in answered 503)',
    });
    const onlyLoginFails = await startLoopbackServer((request, _body, response) => {
      response.statusCode = request.url === '/api/login' ? 502 : 404;
      response.end();
    });
    servers.push(onlyLoginFails);
    expect(await detectSignInFlow(`${onlyLoginFails.origin}/api`, nodeHttpFetch)).toMatchObject({
      status: 'skip',
      summary: 'sign-in: not known (POST /login answered 502)',
    });
    const refused = await detectSignInFlow('http://127.0.0.1:9/api', () =>
      Promise.reject(new Error('connect ECONNREFUSED')),
    );
    expect(refused).toEqual({
      check: 'authentication',
      status: 'skip',
      summary: 'sign-in: not probed (connect ECONNREFUSED)',
    });
  });
});

describe('checkSession', () => {
  const ref = {
    configPath: '/nowhere',
    profileName: 'lab',
    url: 'http://127.0.0.1:9/api',
    stored: {} as never,
  };
  const now = Date.parse('2026-11-30T08:00:00Z');
  const session =
    (
      current: { expiresAt: number; refreshToken?: string },
      refresh: () => Promise<{ expiresAt: number; accessToken: string }>,
    ) =>
    async () => ({ current: { username: 'alice', accessToken: 'old', ...current }, refresh });

  it('refreshes and says until when the new token lasts', async () => {
    const checked = await checkSession(
      ref,
      session({ expiresAt: now - 1000, refreshToken: 'r' }, async () => ({
        expiresAt: now + 1800_000,
        accessToken: 'new',
      })),
      now,
    );
    expect(checked.finding).toEqual({
      check: 'authentication',
      status: 'ok',
      summary: expect.stringMatching(
        /^the session of profile "lab" \(user alice\): a refresh works; the access token now expires .* \(in 30 min\)$/,
      ),
      data: { expiresAt: new Date(now + 1800_000).toISOString(), refresh: true },
    });
    expect(checked.accessToken).toBe('new');
  });

  it('fails when the PBX refuses the refresh, saying how to sign in again', async () => {
    const ended = new TenantSignInError('401: the session has ended', {
      status: 401,
      reason: 'session-ended',
      method: 'POST',
      url: 'u',
    });
    const checked = await checkSession(
      ref,
      session({ expiresAt: now - 1000, refreshToken: 'r' }, async () => Promise.reject(ended)),
      now,
    );
    expect(checked.finding).toEqual({
      check: 'authentication',
      status: 'fail',
      summary: expect.stringMatching(
        /^the session of profile "lab" \(user alice\) has ended: the PBX refused its refresh token \(access token /,
      ),
      advice: 'sign in again: tenantctl auth login --profile lab',
    });
    expect(checked.accessToken).toBeUndefined();
  });

  it('any other failure of the refresh is named as it is, and the default profile needs no --profile', async () => {
    const unreachable = await checkSession(
      { ...ref, profileName: 'default' },
      session({ expiresAt: now - 1000, refreshToken: 'r' }, async () =>
        Promise.reject(
          new TenantSignInError('the code was refused', { reason: 'code-refused', method: 'POST' }),
        ),
      ),
      now,
    );
    expect(unreachable.finding).toEqual({
      check: 'authentication',
      status: 'fail',
      summary: 'the session of profile "default" (user alice): the refresh failed: the code was refused',
    });
    const ended = await checkSession(
      { ...ref, profileName: 'default' },
      session({ expiresAt: now - 1 }, async () => Promise.reject(new Error('no refresh'))),
      now,
    );
    expect(ended.finding.advice).toBe('sign in again: tenantctl auth login');
  });

  it('judges an older-flow session (no refresh) by its expiry', async () => {
    const never = async () => Promise.reject(new Error('no refresh'));
    expect((await checkSession(ref, session({ expiresAt: now }, never), now)).finding).toEqual({
      check: 'authentication',
      status: 'fail',
      summary: 'the session of profile "lab" (user alice) has expired, and this PBX has no refresh',
      advice: 'sign in again: tenantctl auth login --profile lab',
    });
    const lasting = await checkSession(ref, session({ expiresAt: now + 600_000 }, never), now);
    expect(lasting.finding).toEqual({
      check: 'authentication',
      status: 'warn',
      summary: expect.stringMatching(
        /^the session of profile "lab" \(user alice\): the access token expires .*\(in 10 min\); this PBX has no refresh$/,
      ),
      advice: 'sign in again after that: tenantctl auth login --profile lab',
      data: { expiresAt: new Date(now + 600_000).toISOString(), refresh: false },
    });
    expect(lasting.accessToken).toBe('old');
  });
});

describe('checkTokenAnswer', () => {
  it('accepts a 2xx, refuses a 401 or 403, and does not judge other answers', () => {
    expect(checkTokenAnswer('TENANTCTL_TOKEN', 200)).toEqual({
      check: 'authentication',
      status: 'ok',
      summary: 'the token from TENANTCTL_TOKEN is accepted',
    });
    expect(checkTokenAnswer('--token-file t', 401)).toEqual({
      check: 'authentication',
      status: 'fail',
      summary: 'the token from --token-file t is refused (401)',
      advice: 'get a new token, or sign in with tenantctl auth login',
    });
    expect(checkTokenAnswer('x', 403).status).toBe('fail');
    expect(checkTokenAnswer('x', 299).status).toBe('ok');
    for (const status of [199, 300, 503]) {
      expect(checkTokenAnswer('x', status)).toEqual({
        check: 'authentication',
        status: 'skip',
        summary: `the token from x: not judged (GET /tenant answered ${status})`,
      });
    }
  });
});

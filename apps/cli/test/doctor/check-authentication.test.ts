import { TenantSignInError } from '@tenantctl/client';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSession, checkTokenAnswer, detectSignInFlow } from '../../src/doctor/check-authentication.js';
import { nodeHttpFetch } from '../../src/node-http-fetch.js';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.js';

const servers: LoopbackServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

/** A PBX that has the given sign-in paths (they answer 400 to an empty body) and nothing else. */
async function pbxWith(paths: string[]): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = await startLoopbackServer((request, body, response) => {
    bodies.push(`${request.method} ${request.url} ${body}`);
    response.statusCode = paths.includes(request.url ?? '') ? 400 : 404;
    response.end();
  });
  servers.push(server);
  return { url: `${server.origin}/api`, bodies };
}

describe('detectSignInFlow', () => {
  it('finds the current flow, sending an empty body (no credential to count as a failed attempt)', async () => {
    const pbx = await pbxWith(['/api/auth/sign_in']);
    expect(await detectSignInFlow(pbx.url, nodeHttpFetch)).toMatchObject({
      status: 'ok',
      data: { flow: 'current' },
    });
    expect(pbx.bodies).toEqual(['POST /api/auth/sign_in {}']);
  });

  it('finds the older /login, or neither', async () => {
    expect(await detectSignInFlow((await pbxWith(['/api/login'])).url, nodeHttpFetch)).toMatchObject({
      status: 'ok',
      data: { flow: 'legacy' },
    });
    expect(await detectSignInFlow((await pbxWith([])).url, nodeHttpFetch)).toMatchObject({
      status: 'warn',
      summary: expect.stringContaining('no sign-in by password'),
      advice: expect.stringContaining('TENANTCTL_TOKEN'),
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
    expect(checked.finding).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(
        /^the session of profile "lab" \(user alice\): a refresh works; the access token now expires .* \(in 30 min\)$/,
      ),
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
    expect(checked.finding).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('has ended'),
      advice: 'sign in again: tenantctl auth login --profile lab',
    });
    expect(checked.accessToken).toBeUndefined();
  });

  it('judges an older-flow session (no refresh) by its expiry', async () => {
    const never = async () => Promise.reject(new Error('no refresh'));
    expect((await checkSession(ref, session({ expiresAt: now - 1 }, never), now)).finding).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('has expired'),
    });
    expect(
      (await checkSession(ref, session({ expiresAt: now + 600_000 }, never), now)).finding,
    ).toMatchObject({ status: 'warn', summary: expect.stringContaining('(in 10 min)') });
  });
});

describe('checkTokenAnswer', () => {
  it('accepts a 2xx, refuses a 401 or 403, and does not judge other answers', () => {
    expect(checkTokenAnswer('TENANTCTL_TOKEN', 200)).toMatchObject({
      status: 'ok',
      summary: 'the token from TENANTCTL_TOKEN is accepted',
    });
    expect(checkTokenAnswer('--token-file t', 401)).toMatchObject({
      status: 'fail',
      summary: 'the token from --token-file t is refused (401)',
    });
    expect(checkTokenAnswer('x', 403).status).toBe('fail');
    expect(checkTokenAnswer('x', 503).status).toBe('skip');
  });
});

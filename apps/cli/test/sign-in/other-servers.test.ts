// Tier 3: the same binary signs in to the Prism mock of the spec (`pnpm mock`) and to a PBX that has
// only the older /login flow (a small server here: v22.0–22.2 answer 404 for /auth/sign_in).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.js';
import { usePrism } from '../support/prism.js';
import { configHome, runCli } from '../support/run-cli.js';

describe('against the Prism mock', () => {
  const prism = usePrism();

  it('signs in, reads the tenant, shows the status and signs out', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, 'prism.json') };
    const login = await runCli(
      ['auth', 'login', '--url', prism.url, '--username', 'alice', '--password-stdin'],
      {
        env,
        stdin: 'any password\n',
      },
    );
    expect(login).toMatchObject({
      code: 0,
      stderr: `Signed in to ${prism.url} as alice (profile "default").\n`,
    });
    const get = await runCli(['get', '-o', 'json'], { env });
    expect(get.code).toBe(0);
    expect(JSON.parse(get.stdout)).toHaveProperty('name');
    const status = await runCli(['auth', 'status'], { env });
    expect(status).toMatchObject({ code: 0, stdout: expect.stringContaining('role: admin\n') });
    expect(await runCli(['auth', 'logout'], { env })).toMatchObject({ code: 0 });
    // Prism checked every request against the spec and found nothing wrong.
    const output = prism.output();
    expect(output.match(/\[VALIDATOR\] ✔ +success/g)).toHaveLength(4); // sign-in, tenant, user, sign-out
    expect(output).not.toMatch(/✖|violat/i);
  });
});

describe('against a PBX with only the older /login', () => {
  let server: LoopbackServer;
  let url: string;
  const requests: string[] = [];
  const live = new Set<string>();

  beforeAll(async () => {
    server = await startLoopbackServer((req, body, res) => {
      requests.push(`${req.method} ${req.url}`);
      const answer = (status: number, json?: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(json === undefined ? '' : JSON.stringify(json));
      };
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      const refused = { errors: [{ code: 'UNAUTHORIZED', message: 'No.' }] };
      if (req.url === '/api/login' && req.method === 'POST') {
        const { username, password } = JSON.parse(body) as { username: string; password: string };
        if (username !== 'olga' || password !== 'old-pbx-pw') return answer(401, refused);
        const issued = `legacy-${randomUUID()}`;
        live.add(issued);
        return answer(200, {
          access_token: issued,
          expires_in: 3600,
          expires_at: 'in an hour',
          role: 'operator',
        });
      }
      if (req.url === '/api/tenant' && req.method === 'GET') {
        return live.has(token) ? answer(200, { id: 'T1', name: 'Old PBX' }) : answer(401, refused);
      }
      if (req.url === '/api/logout' && req.method === 'POST') {
        return live.delete(token) ? answer(200) : answer(401, refused);
      }
      answer(404, { errors: [{ code: 'NOT_FOUND', message: 'No such path.' }] });
    });
    url = `${server.origin}/api`;
  });
  afterAll(() => server.close());

  it('falls back to /login, remembers that flow, reads the tenant and signs out with /logout', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, 'legacy.json') };
    const login = ['auth', 'login', '--url', url, '--username', 'olga', '--password-stdin'];
    const first = await runCli(login, { env, stdin: 'old-pbx-pw\n' });
    expect(first).toMatchObject({
      code: 0,
      stderr: `Signed in to ${url} as olga (profile "default", older /login flow: sign in again when the session expires).\n`,
    });
    expect(requests).toEqual(['POST /api/auth/sign_in', 'POST /api/login']);
    expect(await runCli(['get', '--field', 'name'], { env })).toMatchObject({ code: 0, stdout: 'Old PBX\n' });
    const status = await runCli(['auth', 'status'], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('role: operator\n');
    expect(status.stdout).toContain('flow: older /login (no refresh: sign in again when it expires)\n');

    requests.length = 0;
    expect(await runCli(login, { env, stdin: 'old-pbx-pw\n' })).toMatchObject({ code: 0 });
    // The flow that worked is remembered: no second try of /auth/sign_in. The old session was ended.
    expect(requests).toEqual(['POST /api/login', 'POST /api/logout']);
    expect(live.size).toBe(1);

    expect(await runCli(['logout'], { env })).toMatchObject({ code: 0 });
    expect(requests.at(-1)).toBe('POST /api/logout');
    expect(live.size).toBe(0);
  });

  it('refuses a wrong password with exit code 3', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, 'legacy-wrong.json') };
    const result = await runCli(['login', '--url', url, '--username', 'olga', '--password-stdin'], {
      env,
      stdin: 'wrong\n',
    });
    expect(result).toMatchObject({ code: 3, stderr: expect.stringContaining('run tenantctl auth login') });
  });
});

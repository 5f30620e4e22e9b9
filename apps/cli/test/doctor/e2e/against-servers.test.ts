// Tier 3: the built binary's `doctor` against the reference server (nothing wrong, with a token and with
// a session), the Prism mock, and a PBX played by a proxy in front of the reference server that sends
// fields this tool does not know, a value the spec refuses, a wrong Date, or serves a self-signed or
// expired certificate. No secret shows in any output.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser } from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePrism } from '../../support/prism.js';
import { useReferenceServer } from '../../support/reference-server.js';
import { type CliResult, configHome, runCli } from '../../support/run-cli.js';

const context = useReferenceServer({ tenants: ['Doctor Tenant'] });
const password = 'doctor-pw-never-shown';
const secrets = new Set<string>([password]);
const outputs: CliResult[] = [];
const certificates = fileURLToPath(new URL('../certificates/', import.meta.url));
const servers: Server[] = [];
let n = 0;

async function doctor(
  env: Record<string, string>,
  ...args: string[]
): Promise<CliResult & { report: { findings: { check: string; status: string; summary: string }[] } }> {
  const result = await runCli(['doctor', '-o', 'json', ...args], { env });
  outputs.push(result);
  return { ...result, report: JSON.parse(result.stdout) };
}
const statuses = (report: { findings: { status: string }[] }) =>
  new Set(report.findings.map((one) => one.status));
const line = (
  report: { findings: { check: string; status: string; summary: string }[] },
  check: string,
  status: string,
) => report.findings.filter((one) => one.check === check && one.status === status).map((one) => one.summary);

interface Play {
  tls?: 'self-signed' | 'expired';
  /** Changes the answer of GET /tenant. */
  tenant?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** The Date header to send instead of the real one. */
  date?: () => string;
}

/** A PBX played by a proxy in front of the reference server. */
async function pbx(play: Play): Promise<string> {
  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = (request.url ?? '/').replace(/^\/api/, '');
    const forwarded = await fetch(`${context.server.url}${path}`, {
      method: request.method ?? 'GET',
      headers: Object.fromEntries(
        ['authorization', 'content-type'].flatMap((name) =>
          request.headers[name] ? [[name, String(request.headers[name])]] : [],
        ),
      ),
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    let text = await forwarded.text();
    if (play.tenant && path === '/tenant' && request.method === 'GET' && forwarded.status === 200) {
      text = JSON.stringify(play.tenant(JSON.parse(text)));
    }
    if (play.date) response.setHeader('Date', play.date());
    response.writeHead(forwarded.status, {
      'content-type': forwarded.headers.get('content-type') ?? 'application/json',
    });
    response.end(text);
  };
  const server = play.tls
    ? createHttpsServer(
        {
          key: readFileSync(join(certificates, `${play.tls}.key`)),
          cert: readFileSync(join(certificates, `${play.tls}.crt`)),
        },
        handler,
      )
    : createHttpServer(handler);
  servers.push(server as Server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${play.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

const tokenEnv = (url: string) => ({ TENANTCTL_URL: url, TENANTCTL_TOKEN: context.server.tenant.token });

beforeAll(async () => {
  secrets.add(context.server.tenant.token);
  await createUser(context.server.store, { tenantId: context.server.tenant.id, username: 'dana', password });
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections?.();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  // Whatever each run printed, no token, refresh token or password is in it.
  const everything = outputs.map((one) => one.stdout + one.stderr).join('\n');
  for (const secret of secrets) expect(everything).not.toContain(secret);
});

describe('tenantctl doctor against the reference server', () => {
  it('finds nothing wrong with a token (exit 0, only ✔)', async () => {
    const result = await doctor(tokenEnv(context.server.url));
    expect(result.code).toBe(0);
    expect([...statuses(result.report)]).toEqual(['ok']);
    expect(result.stderr).toBe('');
  });

  it('signs in, then finds the session works and refreshes it (the new tokens saved)', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, `doctor-${++n}.json`) };
    const login = await runCli(
      ['auth', 'login', '--url', context.server.url, '--username', 'dana', '--password-stdin'],
      { env, stdin: `${password}\n` },
    );
    expect(login.code).toBe(0);
    const before = JSON.parse(readFileSync(env.TENANTCTL_CONFIG, 'utf8')).profiles.default.session;
    secrets.add(before.accessToken).add(before.refreshToken);
    const result = await doctor(env);
    expect(result.code).toBe(0);
    expect([...statuses(result.report)]).toEqual(['ok']);
    expect(line(result.report, 'authentication', 'ok')).toContainEqual(
      expect.stringMatching(/^the session of profile "default" \(user dana\): a refresh works/),
    );
    const after = JSON.parse(readFileSync(env.TENANTCTL_CONFIG, 'utf8')).profiles.default.session;
    secrets.add(after.accessToken).add(after.refreshToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  it('says an expired session whose refresh token the PBX no longer knows has ended (exit 1)', async () => {
    const env = { TENANTCTL_CONFIG: join(configHome, `doctor-${++n}.json`) };
    await runCli(['auth', 'login', '--url', context.server.url, '--username', 'dana', '--password-stdin'], {
      env,
      stdin: `${password}\n`,
    });
    const config = JSON.parse(readFileSync(env.TENANTCTL_CONFIG, 'utf8'));
    secrets
      .add(config.profiles.default.session.accessToken)
      .add(config.profiles.default.session.refreshToken);
    config.profiles.default.session.refreshToken = 'a-refresh-token-the-server-never-issued';
    config.profiles.default.session.expiresAt = Date.now() - 60_000;
    writeFileSync(env.TENANTCTL_CONFIG, JSON.stringify(config));
    const result = await doctor(env);
    expect(result.code).toBe(1);
    expect(line(result.report, 'authentication', 'fail')).toEqual([
      expect.stringMatching(/^the session of profile "default" \(user dana\) has ended/),
    ]);
    const table = await runCli(['doctor'], { env });
    outputs.push(table);
    expect(table.stdout).toContain('→ sign in again: tenantctl auth login');
  });

  it('refuses a wrong token (exit 1)', async () => {
    const result = await doctor({
      TENANTCTL_URL: context.server.url,
      TENANTCTL_TOKEN: 'not-a-token-of-this-server',
    });
    expect(result.code).toBe(1);
    expect(line(result.report, 'authentication', 'fail')).toEqual([
      'the token from TENANTCTL_TOKEN is refused (401)',
    ]);
  });
});

describe('tenantctl doctor against the Prism mock (pnpm mock)', () => {
  const prism = usePrism();

  it("checks Prism's example tenant against the spec", async () => {
    const result = await doctor({ TENANTCTL_URL: prism.url, TENANTCTL_TOKEN: 'any-token' });
    expect(line(result.report, 'contract', 'ok')).toEqual([
      'PBX version: 22.3.2', // the spec's example of TenantStatus
      expect.stringMatching(
        /^GET \/tenant matches the spec: 50 fields, 2 blank \(null\): stir_shaken_cert, stir_shaken_key$/,
      ),
    ]);
    expect(line(result.report, 'authentication', 'ok')).toContain(
      'sign-in: this PBX offers /auth/sign_in (sessions renew themselves)',
    );
    expect(result.code).toBe(0);
  });
});

describe('tenantctl doctor against a PBX that differs', () => {
  it('a newer PBX: fields this tool does not know (⚠ alone: exit 0)', async () => {
    const url = await pbx({
      tenant: (body) => ({ ...body, call_recording_vault: 'eu-1', max_ai_agents: 4 }),
    });
    const result = await doctor(tokenEnv(url));
    expect(result.code).toBe(0);
    expect(line(result.report, 'contract', 'warn')).toEqual([
      expect.stringMatching(
        /^this PBX speaks a newer API: 2 field\(s\) unknown to tenantctl \d+\.\d+\.\d+: call_recording_vault, max_ai_agents$/,
      ),
    ]);
  });

  it('a value the spec refuses, named by field and rule (exit 1)', async () => {
    const url = await pbx({ tenant: (body) => ({ ...body, contact_match_length: -1 }) });
    const result = await doctor(tokenEnv(url));
    expect(result.code).toBe(1);
    expect(line(result.report, 'contract', 'fail')).toEqual([
      expect.stringMatching(/^1 value\(s\) the spec refuses: contact_match_length: must be >= 0$/),
    ]);
  });

  it('a clock 10 minutes behind (exit 1)', async () => {
    const url = await pbx({ date: () => new Date(Date.now() - 600_000).toUTCString() });
    const result = await doctor(tokenEnv(url));
    expect(result.code).toBe(1);
    expect(line(result.report, 'clock', 'fail')).toEqual([
      "the server's clock is 10 min behind this machine's",
    ]);
  });

  it('a self-signed certificate: named, with how to trust it; trusted, everything passes', async () => {
    const url = await pbx({ tls: 'self-signed' });
    const result = await doctor(tokenEnv(url));
    expect(result.code).toBe(1);
    expect(line(result.report, 'reachability', 'fail')).toEqual([
      'TLS: the certificate for pbx.test.local is self-signed (issued by pbx.test.local), not from a CA this machine trusts',
    ]);
    const table = await runCli(['doctor'], { env: tokenEnv(url) });
    outputs.push(table);
    expect(table.stdout).toContain(
      "→ if this is your PBX's own certificate, trust it for tenantctl: NODE_EXTRA_CA_CERTS=",
    );

    const trusted = await doctor({
      ...tokenEnv(url),
      NODE_EXTRA_CA_CERTS: join(certificates, 'self-signed.crt'),
    });
    expect(trusted.code).toBe(0);
    expect([...statuses(trusted.report)]).toEqual(['ok']);
    expect(line(trusted.report, 'reachability', 'ok')).toContainEqual(
      expect.stringMatching(
        /^TLS: certificate for pbx\.test\.local, issued by pbx\.test\.local, expires 2126-/,
      ),
    );
  });

  it('an expired certificate (exit 1)', async () => {
    const url = await pbx({ tls: 'expired' });
    const result = await doctor({ ...tokenEnv(url), NODE_EXTRA_CA_CERTS: join(certificates, 'expired.crt') });
    expect(result.code).toBe(1);
    expect(line(result.report, 'reachability', 'fail')).toEqual([
      expect.stringMatching(/^TLS: the certificate for pbx\.test\.local expired on 2024-02-01/),
    ]);
  });
});

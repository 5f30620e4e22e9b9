// Tier 3: drift and failure apart, with the built binary against the real reference server behind a
// proxy that fails chosen reads (a PBX answering 500 for some tenants). `diff` and `fleet plan` exit 5
// for drift and a failure's own code when a read fails; `fleet plan` reads every tenant it can, names
// the ones it could not and why, and still prints and saves the drift it saw.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { signInSystemUser, startTestProxy, type TestProxy } from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useReferenceServer } from '../support/reference-server.js';
import { configWithProfile, runCli } from '../support/run-cli.js';

const shops = ['shop-01', 'shop-02', 'shop-03', 'shop-04', 'shop-05'];
const context = useReferenceServer({ tenants: shops });
let proxy: TestProxy;
let folder: string;
let env: Record<string, string>;
/** The tenants whose reads fail, by id. */
const broken = new Set<string>();
let failTenantRead = false;

beforeAll(async () => {
  proxy = await startTestProxy({
    target: context.server.url,
    fail: (method, path) => {
      const id = /^\/api\/tenants\/([^/?]+)$/.exec(path)?.[1];
      if (method === 'GET' && id && broken.has(id)) return 500;
      if (method === 'GET' && path === '/api/tenant' && failTenantRead) return 500;
      return undefined;
    },
  });
  const admin = await signInSystemUser(context.server, 'SystemAdmin', 'root');
  ({ folder, env } = configWithProfile('drift-', proxy.url, admin.token));
});
afterAll(() => proxy?.close());

const idOf = (name: string) => context.server.tenants.find((tenant) => tenant.name === name)?.id ?? '';

describe('fleet plan over a PBX that fails some reads', () => {
  it('plans every tenant it can read, names the others and why, saves the drift, and exits 1', async () => {
    const file = join(folder, 'fleet.yaml');
    writeFileSync(file, 'tenants:\n  - match: { name: "shop-*" }\n    set: { log_retention: 12 }\n');
    const clean = await runCli(['fleet', 'plan', '-f', file], { env });
    expect(clean.code).toBe(5); // drift, nothing failed
    broken.add(idOf('shop-02'));
    broken.add(idOf('shop-04'));
    const planFile = join(folder, 'plan.json');
    const result = await runCli(['fleet', 'plan', '-f', file, '--out', planFile], { env });
    expect(result.code).toBe(1);
    for (const name of ['shop-01', 'shop-03', 'shop-05'])
      expect(result.stdout).toContain(`tenant "${name}" (${idOf(name)})`);
    expect(result.stdout).not.toContain('"shop-02"');
    expect(result.stdout).toContain('3 of 5 tenant(s) would change, 0 already match, 2 could not be read');
    for (const name of ['shop-02', 'shop-04']) {
      expect(result.stderr).toMatch(
        new RegExp(`could not read tenant "${name}" \\(${idOf(name)}\\) on PBX "default": .*500`),
      );
    }
    const saved = JSON.parse(readFileSync(planFile, 'utf8')) as {
      tenants: { name: string }[];
      unread: { name: string }[];
    };
    expect(saved.tenants.map((tenant) => tenant.name)).toEqual(['shop-01', 'shop-03', 'shop-05']);
    expect(saved.unread.map((failure) => failure.name)).toEqual(['shop-02', 'shop-04']);
    broken.clear();
  });
});

describe('fleet plan over two PBXs, one of which cannot be reached', () => {
  it('plans the one it reaches, names the other, and ends with the unreachable code (4)', async () => {
    // A loopback port nothing listens on: a server started and closed again.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const config = join(folder, 'two-pbx.json');
    const admin = JSON.parse(readFileSync(env.TENANTCTL_CONFIG ?? '', 'utf8')).profiles.default;
    writeFileSync(
      config,
      JSON.stringify({
        profiles: { eu: admin, gone: { url: `http://127.0.0.1:${port}/api`, token: admin.token } },
      }),
      { mode: 0o600 },
    );
    const file = join(folder, 'two-pbx.yaml');
    writeFileSync(
      file,
      'pbx:\n  - { profile: eu }\n  - { profile: gone }\ntenants:\n  - match: { name: "shop-0*" }\n    set: { log_retention: 13 }\n',
    );
    const result = await runCli(['fleet', 'plan', '-f', file, '--timeout', '5'], {
      env: { TENANTCTL_CONFIG: config },
    });
    expect(result.stdout).toContain(
      '5 of 5 tenant(s) would change, 0 already match, 1 PBX(s) could not be listed',
    );
    expect(result.stderr).toMatch(/could not list the tenants of PBX "gone": /);
    expect(result.code).toBe(4);
  });
});

describe('diff', () => {
  it('exits 5 for drift, 0 for none, and 1 when the read fails', async () => {
    const token = context.server.tenant.token;
    const direct = {
      TENANTCTL_URL: proxy.url,
      TENANTCTL_TOKEN: token,
      TENANTCTL_CONFIG: join(folder, 'none.json'),
    };
    const file = join(folder, 'settings.yaml');
    writeFileSync(file, 'temp_file_retention: 3\n');
    expect((await runCli(['diff', '-f', file], { env: direct })).code).toBe(5);
    writeFileSync(file, `temp_file_retention: ${(await context.server.stored()).temp_file_retention}\n`);
    expect((await runCli(['diff', '-f', file], { env: direct })).code).toBe(0);
    failTenantRead = true;
    const failed = await runCli(['diff', '-f', file], { env: direct });
    failTenantRead = false;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('500');
  });

  it('says the codes in --help', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('5    drift: diff or fleet plan found something that would change');
  });
});

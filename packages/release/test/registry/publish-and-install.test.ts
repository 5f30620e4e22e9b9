// Releasing end to end against a real registry: `pnpm release` publishes to Verdaccio on 127.0.0.1,
// then a project outside the workspace installs @tenantctl/client with npm, type-checks a consumer
// under strict settings (library checks on, Node and bundler resolution) and runs it, and
// @tenantctl/cli is installed globally into a temporary prefix; both talk to the reference server.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaledMs } from '@tenantctl/mock';
import { startTestServer, type TestServer } from '@tenantctl/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencyClosure, republish } from '../support/third-party-packages.js';
import { startTestRegistry, type TestRegistry } from '../support/verdaccio.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
const version = (dir: string) =>
  (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { version: string }).version;

let registry: TestRegistry;
let server: TestServer;
let work: string;
let env: NodeJS.ProcessEnv;

/** Runs a program without blocking this process (the reference server answers from it). */
function run(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      file,
      args,
      { ...options, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tenantctl-release-'));
  [registry, server] = await Promise.all([
    startTestRegistry(),
    startTestServer({ tenants: ['Released Tenant'] }),
  ]);
  env = {
    ...process.env,
    npm_config_registry: registry.url,
    npm_config_userconfig: registry.userconfig,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // The registry has no uplink: what the packages need from elsewhere is published there first, plus
  // the Node types a TypeScript consumer installs.
  const skip = (name: string) => name.startsWith('@tenantctl/');
  const clientDir = join(root, 'packages/client');
  const nodeTypes = dirname(require.resolve('@types/node/package.json'));
  republish(
    [...dependencyClosure([clientDir, join(root, 'packages/schema'), nodeTypes], skip), nodeTypes],
    work,
    env,
  );
}, scaledMs(180_000));

afterAll(async () => {
  await Promise.all([registry?.close(), server?.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe('pnpm release to a registry', () => {
  it(
    'publishes the public packages, and only those',
    async () => {
      const release = await run('pnpm', ['release', '--no-git-tag'], { cwd: root, env });
      expect(release.code, release.stdout + release.stderr).toBe(0);
      expect(release.stderr).toContain(`publishing to ${registry.url}`);
      for (const [name, dir] of [
        ['@tenantctl/schema', 'packages/schema'],
        ['@tenantctl/client', 'packages/client'],
        ['@tenantctl/cli', 'apps/cli'],
      ] as const) {
        const info = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
        expect(info.status, name).toBe(200);
        const document = (await info.json()) as { 'dist-tags': { latest: string } };
        expect(document['dist-tags'].latest).toBe(version(dir));
      }
      for (const privateName of ['@tenantctl/server', '@tenantctl/mock', '@tenantctl/release']) {
        expect((await fetch(`${registry.url}${privateName.replace('/', '%2f')}`)).status, privateName).toBe(
          404,
        );
      }
    },
    scaledMs(240_000),
  );

  it(
    'installs @tenantctl/client in a project of its own, which type-checks strictly and runs',
    async () => {
      const project = join(work, 'consumer');
      mkdirSync(join(project, 'src'), { recursive: true });
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      );
      const install = await run('npm', ['install', '@tenantctl/client', '@types/node', '--no-package-lock'], {
        cwd: project,
        env,
      });
      expect(install.code, install.stderr).toBe(0);
      const installed = JSON.parse(
        readFileSync(join(project, 'node_modules/@tenantctl/client/package.json'), 'utf8'),
      );
      expect(installed.version).toBe(version('packages/client'));
      expect(installed.dependencies['@tenantctl/schema']).toBe(version('packages/schema'));

      writeFileSync(
        join(project, 'src/consumer.ts'),
        `import { createTenantClient, TenantAuthError, TenantValidationError, type Tenant, type TenantUpdate } from '@tenantctl/client';
import type { StoredSession } from '@tenantctl/client/session';

const baseUrl = process.env.TENANT_URL ?? '';
const client = createTenantClient({ baseUrl, getToken: async () => process.env.TENANT_TOKEN ?? '' });
const tenant: Tenant = await client.getTenant();
const name: string | null | undefined = tenant.name; // any field may be null (blank)
const patch: TenantUpdate = { contact_match_length: -1 };
let refused = '';
try {
  await client.updateTenant(patch);
} catch (error) {
  if (error instanceof TenantValidationError) refused = error.violations.map((v) => v.path).join(',');
}
let unauthorized = false;
try {
  await createTenantClient({ baseUrl, getToken: async () => 'not-a-token' }).getTenant();
} catch (error) {
  unauthorized = error instanceof TenantAuthError;
}
const stored: StoredSession | undefined = undefined;
console.log(JSON.stringify({ name, refused, unauthorized, stored: stored ?? null }));
`,
      );
      const strict = {
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        target: 'ES2022',
        outDir: 'dist',
      };
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            ...strict,
            module: 'node16',
            moduleResolution: 'node16',
            lib: ['ES2022'],
            types: ['node'],
          },
          include: ['src'],
        }),
      );
      writeFileSync(
        join(project, 'tsconfig.bundler.json'),
        JSON.stringify({
          compilerOptions: {
            ...strict,
            module: 'esnext',
            moduleResolution: 'bundler',
            lib: ['ES2022', 'DOM'],
            types: ['node'],
            noEmit: true,
          },
          include: ['src'],
        }),
      );
      for (const config of ['tsconfig.json', 'tsconfig.bundler.json']) {
        const checked = await run(process.execPath, [tsc, '-p', config], { cwd: project, env });
        expect(checked.stdout + checked.stderr, config).toBe('');
        expect(checked.code).toBe(0);
      }
      const ran = await run(process.execPath, ['dist/consumer.js'], {
        cwd: project,
        env: { PATH: process.env.PATH, TENANT_URL: server.url, TENANT_TOKEN: server.tenant.token },
      });
      expect(ran.stderr).toBe('');
      expect(JSON.parse(ran.stdout)).toEqual({
        name: 'Released Tenant',
        refused: '/contact_match_length',
        unauthorized: true,
        stored: null,
      });
    },
    scaledMs(120_000),
  );

  it(
    'installs @tenantctl/cli globally into a prefix, and tenantctl reads the tenant',
    async () => {
      const prefix = join(work, 'prefix');
      const install = await run('npm', ['install', '--global', '--prefix', prefix, '@tenantctl/cli'], {
        cwd: work,
        env,
      });
      expect(install.code, install.stderr).toBe(0);
      const tenantctl = join(prefix, 'bin', 'tenantctl');
      const cliEnv = { PATH: process.env.PATH, HOME: work };
      const versionLine = await run(tenantctl, ['--version'], { cwd: work, env: cliEnv });
      expect(versionLine.stdout).toMatch(
        new RegExp(
          `^tenantctl ${version('apps/cli').replace(/\./g, '\\.')} \\(spec: PBX Tenant API ${version('packages/schema').replace(/\./g, '\\.')}\\)`,
        ),
      );
      const get = await run(tenantctl, ['get', '--field', 'name'], {
        cwd: work,
        env: { ...cliEnv, TENANTCTL_URL: server.url, TENANTCTL_TOKEN: server.tenant.token },
      });
      expect(get).toEqual({ code: 0, stdout: 'Released Tenant\n', stderr: '' });
    },
    scaledMs(120_000),
  );
});

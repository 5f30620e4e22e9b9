// Tier 3: a PBX's system administrator with the built binary against the real reference server — signs
// in, lists, reads and changes a tenant by name, creates and deletes one — and `tenants list` against
// Prism serving the spec. Every output is checked for the password and the session's tokens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser, signInSystemUser } from '@tenantctl/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { usePrism } from '../support/prism.js';
import { useReferenceServer } from '../support/reference-server.js';
import { type CliResult, configHome, runCli } from '../support/run-cli.js';

const context = useReferenceServer({ tenants: ['shop-berlin', 'shop-munich'] });
const password = 'root-pw-2b7e-never-shown';
const env = { TENANTCTL_CONFIG: join(configHome, 'system-admin.json'), COLUMNS: '100' };
const outputs: CliResult[] = [];
const run = async (args: string[], stdin?: string) => {
  const result = await runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });
  outputs.push(result);
  return result;
};

beforeAll(async () => {
  await createUser(context.server.store, { username: 'root', password, role: 'SystemAdmin' });
});

describe('tenantctl for a SystemAdmin', () => {
  it('signs in, lists, reads and changes a tenant, creates one and deletes it, leaking nothing', async () => {
    const login = await run(
      ['auth', 'login', '--url', context.server.url, '--username', 'root', '--password-stdin'],
      `${password}\n`,
    );
    expect(login.code).toBe(0);

    const listed = await run(['tenants', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^ID +NAME +ENABLED +CREATED_AT/);
    expect(listed.stdout).toContain('shop-munich');
    expect(listed.stderr).toBe('2 tenant(s)\n');

    const read = await run(['get', '--tenant', 'shop-munich', '--field', 'max_extensions']);
    expect(read).toMatchObject({ code: 0, stdout: '1000\n' });

    const set = await run([
      'set',
      '--tenant',
      'shop-munich',
      'max_extensions=50',
      'enable_audio_recording=true',
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toBe('~ max_extensions          1000 → 50\n~ enable_audio_recording  no → yes\n');
    const munich = context.server.tenants[1]?.id ?? '';
    expect(await context.server.stored(munich)).toMatchObject({
      max_extensions: 50,
      enable_audio_recording: true,
    });

    const created = await run(['tenants', 'create', '--name', 'shop-hamburg', 'timezone=Europe/Berlin']);
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect(id).toMatch(/^[A-Za-z0-9]{24}$/);

    const refused = await run(['tenants', 'delete', 'shop-hamburg']);
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.stderr).toContain('pass --yes');
    const deleted = await run(['tenants', 'delete', 'shop-hamburg', '--yes']);
    expect(deleted).toMatchObject({ code: 0, stderr: `Deleted tenant "shop-hamburg" (${id}).\n` });

    const status = await run(['doctor', '-o', 'json']);
    const findings = JSON.parse(status.stdout).findings as { summary: string }[];
    expect(findings.map((f) => f.summary)).toContain(
      'signed in as root, role SystemAdmin: reaches the tenants of the PBX (tenantctl tenants list; --tenant ID|NAME)',
    );

    const withoutTenant = await run(['get']);
    expect(withoutTenant.code).toBe(1);
    expect(withoutTenant.stderr).toMatch(
      /403: .*a SystemAdmin or a Dealer names the tenant: --tenant ID\|NAME/,
    );

    const session = JSON.parse(readFileSync(env.TENANTCTL_CONFIG, 'utf8')).profiles.default.session as {
      accessToken: string;
      refreshToken: string;
    };
    for (const output of outputs) {
      for (const secret of [password, session.accessToken, session.refreshToken]) {
        expect(output.stdout + output.stderr).not.toContain(secret);
      }
    }
  });

  it("is told, as a tenant's own API token, that the collection is not for it", async () => {
    const result = await runCli(['tenants', 'list'], {
      env: { TENANTCTL_URL: context.server.url, TENANTCTL_TOKEN: context.server.tenant.token },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tenantctl: 403: this account may not do that/);
    expect(result.stderr).toContain('this needs a SystemAdmin or a Dealer');
  });
});

describe("a tenant named with another tenant's id", () => {
  it('never stands in for that tenant: the id means its tenant, a write refuses the ambiguity, id: and name: choose', async () => {
    const ops = await signInSystemUser(context.server, 'SystemAdmin', 'ops');
    const opsEnv = {
      TENANTCTL_URL: context.server.url,
      TENANTCTL_TOKEN: ops.token,
      TENANTCTL_CONFIG: join(configHome, 'ops.json'),
    };
    const cli = (args: string[]) => runCli(args, { env: opsEnv });
    const berlin = context.server.tenants[0]?.id ?? '';
    const created = await cli(['tenants', 'create', '--name', berlin]);
    expect(created.code).toBe(0);
    const decoy = created.stdout.trim();

    const read = await cli(['get', '--tenant', berlin, '--field', 'name']);
    expect(read).toMatchObject({
      code: 0,
      stdout: 'shop-berlin\n',
      stderr: `tenantctl: "${berlin}" is the id of tenant "shop-berlin" (${berlin}) and the name of "${berlin}" (${decoy}): reading the tenant of that id (--tenant name:${berlin} for the other)\n`,
    });

    const ambiguous = `"${berlin}" is the id of tenant "shop-berlin" (${berlin}) and the name of "${berlin}" (${decoy}): say which with --tenant id:${berlin} or --tenant name:${berlin}`;
    const deleted = await cli(['tenants', 'delete', berlin, '--yes']);
    expect(deleted).toMatchObject({ code: 2, stderr: `tenantctl: ${ambiguous}\n` });
    const set = await cli(['set', '--tenant', berlin, 'max_extensions=7']);
    expect(set).toMatchObject({ code: 2, stderr: `tenantctl: ${ambiguous}\n` });
    expect(await context.server.stored(berlin)).toMatchObject({ name: 'shop-berlin' });
    expect(await context.server.stored(berlin)).not.toMatchObject({ max_extensions: 7 });
    expect(await context.server.stored(decoy)).not.toMatchObject({ max_extensions: 7 });

    const setDecoy = await cli(['set', '--tenant', `name:${berlin}`, 'max_extensions=7']);
    expect(setDecoy.code).toBe(0);
    expect(await context.server.stored(decoy)).toMatchObject({ max_extensions: 7 });
    const readById = await cli(['get', '--tenant', `id:${decoy}`, '--field', 'max_extensions']);
    expect(readById).toMatchObject({ code: 0, stdout: '7\n' });
    const deletedDecoy = await cli(['tenants', 'delete', `name:${berlin}`, '--yes']);
    expect(deletedDecoy).toMatchObject({ code: 0, stderr: `Deleted tenant "${berlin}" (${decoy}).\n` });
    await expect(context.server.stored(decoy)).rejects.toThrow(`no tenant ${decoy}`);
    expect(await context.server.stored(berlin)).toMatchObject({ name: 'shop-berlin' });

    const unknown = await cli(['get', '--tenant', `id:${decoy}`]);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: `tenantctl: no tenant has the id "${decoy}" (tenantctl tenants list shows them all)\n`,
    });
  });
});

describe('tenantctl tenants list against Prism', () => {
  const prism = usePrism();

  it('reads and deletes a tenant by id: names the filter matched loosely are checked, never trusted', async () => {
    const env = { TENANTCTL_URL: prism.url, TENANTCTL_TOKEN: 'any-token' };
    const id = 'NzAwNTUxOTA5NzczMTQ4MTYw';
    const read = await runCli(['get', '--tenant', id, '-o', 'json'], { env });
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout)).toEqual(expect.objectContaining({ id: expect.any(String) }));
    const deleted = await runCli(['tenants', 'delete', id, '--yes'], { env });
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatch(new RegExp(`^Deleted tenant ".*" \\(${id}\\)\\.\n$`));
  });

  it('lists the tenants the mock makes up from the spec', async () => {
    const result = await runCli(['tenants', 'list', '-o', 'json'], {
      env: { TENANTCTL_URL: prism.url, TENANTCTL_TOKEN: 'any-token' },
    });
    expect(result.code).toBe(0);
    const tenants = JSON.parse(result.stdout) as { id: string; name: string }[];
    expect(tenants.length).toBeGreaterThan(0);
    expect(tenants[0]).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String) }));
  });
});

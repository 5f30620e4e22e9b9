// Tier 2: `tenants list|create|delete` and the hidden `tenants names`, in-process against the real
// reference server, signed in as a SystemAdmin and as a Dealer; what was sent is read from the server.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignToDealer, signInSystemUser } from '@tenantctl/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { create, list, names, remove } from '../../src/commands/tenants.js';
import { NAMES_FRESH_MS, namesCachePath, updateNames } from '../../src/tenant-names-cache.js';
import { type Answer, harness, scratch } from '../support/harness.js';
import { useReferenceServer } from '../support/reference-server.js';

const context = useReferenceServer({ tenants: ['shop-berlin', 'shop-munich', 'Acme Corporation'] });
let adminEnv: Record<string, string>;
let dealerEnv: Record<string, string>;
const configFile = join(scratch, 'tenants-config.json');

beforeAll(async () => {
  const admin = await signInSystemUser(context.server, 'SystemAdmin', 'root');
  const dealer = await signInSystemUser(context.server, 'Dealer', 'reseller');
  await assignToDealer(context.server, 'reseller', [context.server.tenants[0]?.id ?? '']);
  const base = { TENANTCTL_URL: context.server.url, TENANTCTL_CONFIG: configFile };
  adminEnv = { ...base, TENANTCTL_TOKEN: admin.token };
  dealerEnv = { ...base, TENANTCTL_TOKEN: dealer.token };
});

function h(
  env: Record<string, string>,
  extra: { columns?: number; answers?: Answer[]; stdin?: string } = {},
) {
  return harness({ env, ...extra });
}

describe('tenants list', () => {
  it('shows every tenant a SystemAdmin may see as a table, and counts them', async () => {
    const run = h(adminEnv);
    expect(await list({ output: 'table' }, run.deps)).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +ENABLED +CREATED_AT +/); // DOMAIN: blank in every row, left out
    expect(lines.slice(1).map((line) => line.split(/ {2,}/)[1])).toEqual([
      'shop-berlin',
      'shop-munich',
      'Acme Corporation',
    ]);
    expect(run.stderr).toBe('3 tenant(s)\n');
  });

  it("shows a Dealer only the dealer's tenants", async () => {
    const run = h(dealerEnv);
    await list({ output: 'json' }, run.deps);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((t) => t.name)).toEqual(['shop-berlin']);
  });

  it('searches, filters and orders as the spec says, walking every page', async () => {
    const run = h(adminEnv);
    await list({ output: 'yaml', search: 'SHOP', orderBy: 'name desc' }, run.deps);
    expect(run.stdout).toMatch(/^- id: \S+\n {2}name: shop-munich\n/);
    const filtered = h(adminEnv);
    await list({ output: 'json', filter: "name eq 'Acme Corporation'" }, filtered.deps);
    expect(JSON.parse(filtered.stdout)).toHaveLength(1);
  });

  it('fits the terminal: columns that do not fit are left out, the last one shortened', async () => {
    const run = h(adminEnv, { columns: 40 });
    await list({ output: 'table' }, run.deps);
    for (const line of run.stdout.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(40);
    expect(run.stdout).toMatch(/^ID +NAME/);
    expect(run.stdout).not.toMatch(/TIMEZONE/);
  });

  it('refuses a filter outside the grammar, naming it (nothing listed)', async () => {
    const run = h(adminEnv);
    const error = await list({ output: 'table', filter: "name like 'shop%'" }, run.deps).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'validation', status: 400 });
    expect((error as { violations: { field: string }[] }).violations[0]?.field).toBe('filter');
  });

  it("is refused to a tenant's own token (403, its own kind)", async () => {
    const run = h(context.env);
    expect(await list({ output: 'table' }, run.deps).catch((e: unknown) => e)).toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
  });

  it('keeps the names for completion, fresh, and `tenants names` prints them', async () => {
    await list({ output: 'table' }, h(adminEnv).deps);
    const run = h(adminEnv);
    expect(await names({}, run.deps)).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual(['Acme Corporation', 'shop-berlin', 'shop-munich']);
  });

  it('`tenants names` exits 1 when the names are stale (completion then refreshes them), 1 with none', async () => {
    const path = namesCachePath(configFile);
    await updateNames(path, context.server.url, { all: ['old-name'] }, Date.now() - NAMES_FRESH_MS);
    const stale = h(adminEnv);
    expect(await names({}, stale.deps)).toBe(1);
    expect(stale.stdout).toBe('old-name\n');
    const elsewhere = h({ ...adminEnv, TENANTCTL_URL: 'http://127.0.0.1:9/api' });
    expect(await names({}, elsewhere.deps)).toBe(1);
    expect(elsewhere.stdout).toBe('');
  });
});

describe('tenants create', () => {
  it('creates a tenant from --name and KEY=VALUE, prints its id, and it is there', async () => {
    const run = h(adminEnv);
    expect(
      await create(
        { name: 'shop-hamburg', assignments: ['timezone=Europe/Berlin', 'max_extensions=50'] },
        run.deps,
      ),
    ).toBe(0);
    const id = run.stdout.trim();
    expect(run.stderr).toBe(`Created tenant "shop-hamburg" (${id}).\n`);
    expect(await context.server.stored(id)).toMatchObject({
      name: 'shop-hamburg',
      timezone: 'Europe/Berlin',
      max_extensions: 50,
    });
    const kept = h(adminEnv);
    await names({}, kept.deps);
    expect(kept.stdout).toContain('shop-hamburg');
  });

  it('creates from a YAML file, --name winning over it', async () => {
    const file = join(scratch, 'new-tenant.yaml');
    writeFileSync(file, 'name: from-file\nregion: DEU\ncurrency: EUR\n');
    const run = h(adminEnv);
    await create({ file, name: 'shop-cologne', assignments: [] }, run.deps);
    expect(await context.server.stored(run.stdout.trim())).toMatchObject({
      name: 'shop-cologne',
      region: 'DEU',
    });
  });

  it('refuses a bad field before sending anything (exit 2), naming every violation', async () => {
    context.server.requests.length = 0;
    const error = await create(
      { name: 'x', assignments: ['region=Germany', 'stir_shaken_cert=x'] },
      h(adminEnv).deps,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'validation', status: undefined });
    expect((error as { violations: { path: string }[] }).violations.map((v) => v.path)).toEqual([
      '/stir_shaken_cert',
      '/region',
    ]);
    expect(context.server.requests).toEqual([]);
  });

  it('needs a name or a file', async () => {
    await expect(create({ assignments: [] }, h(adminEnv).deps)).rejects.toMatchObject({ exitCode: 2 });
  });

  it("takes a webhook's credentials only from a file, never from the command line", async () => {
    await expect(
      create(
        { name: 'hooked', assignments: ['cdr_event={"auth":"BASIC","password":"s3cretpass"}'] },
        h(adminEnv).deps,
      ),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(
        /^cdr_event holds a secret \(password, token\): give it as cdr_event=@FILE/,
      ),
    });
    const file = join(scratch, 'hook.json');
    writeFileSync(
      file,
      '{"enabled":true,"url":"https://hooks.example.test/cdr","auth":"BASIC","username":"pbxhook","password":"s3cretpass"}',
    );
    const run = h(adminEnv);
    await create({ name: 'hooked', assignments: [`cdr_event=@${file}`] }, run.deps);
    expect(await context.server.stored(run.stdout.trim())).toMatchObject({
      cdr_event: { password: 's3cretpass' },
    });
  });
});

describe('tenants delete', () => {
  const newTenant = async (name: string) => {
    const run = h(adminEnv);
    await create({ name, assignments: [] }, run.deps);
    return run.stdout.trim();
  };

  it('deletes by name after a yes on the terminal; its token stops working', async () => {
    const id = await newTenant('doomed');
    const run = h(adminEnv, { answers: ['y'] });
    expect(await remove({ tenant: 'doomed' }, run.deps)).toBe(0);
    expect(run.stderr).toContain(`Delete tenant "doomed" (${id}) with its users, sessions and API tokens?`);
    expect(run.stderr).toContain(`Deleted tenant "doomed" (${id}).`);
    expect(
      (
        await fetch(`${context.server.url}/tenants/${id}`, {
          headers: { Authorization: `Bearer ${adminEnv.TENANTCTL_TOKEN}` },
        })
      ).status,
    ).toBe(404);
  });

  it('deletes nothing when the answer is not yes', async () => {
    const id = await newTenant('spared');
    const run = h(adminEnv, { answers: [''] });
    expect(await remove({ tenant: id }, run.deps)).toBe(0);
    expect(run.stderr).toContain('Nothing was deleted.');
    expect(await context.server.stored(id)).toMatchObject({ name: 'spared' });
  });

  it('needs --yes without a terminal, and then deletes by id', async () => {
    const id = await newTenant('scripted');
    await expect(remove({ tenant: id }, h(adminEnv).deps)).rejects.toMatchObject({
      exitCode: 2,
      message: 'there is no terminal to ask on: pass --yes to delete without asking',
    });
    expect(await remove({ tenant: id, yes: true }, h(adminEnv).deps)).toBe(0);
  });

  it('refuses a name several tenants have, naming their ids, and deletes none', async () => {
    const first = await newTenant('twin');
    const second = await newTenant('twin');
    const error = await remove({ tenant: 'twin', yes: true }, h(adminEnv).deps).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: 2,
      message: `2 tenants are named "twin": name one by its id (${first}, ${second})`,
    });
  });

  it('names the near ones when no tenant has that name or id', async () => {
    const error = await remove({ tenant: 'shop-berln', yes: true }, h(adminEnv).deps).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      exitCode: 2,
      message:
        'no tenant is named "shop-berln" or has that id; near: shop-berlin (tenantctl tenants list shows them all)',
    });
  });

  it("is not found for a Dealer when the tenant is another dealer's", async () => {
    const error = await remove({ tenant: 'shop-munich', yes: true }, h(dealerEnv).deps).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^no tenant is named "shop-munich"/),
    });
  });
});

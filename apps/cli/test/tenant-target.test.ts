// Tier 2: `--tenant ID|NAME` on get, set, apply and diff against the real reference server, as a
// SystemAdmin: the by-id operations with the fields they take; and what the same commands say without it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signInSystemUser } from '@tenantctl/server/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { run as apply } from '../src/commands/apply.js';
import { run as diff } from '../src/commands/diff.js';
import { run as get } from '../src/commands/get.js';
import { run as set } from '../src/commands/set.js';
import { resolveTenant } from '../src/tenant-target.js';
import { harness, scratch } from './support/harness.js';
import { useReferenceServer } from './support/reference-server.js';

const context = useReferenceServer({ tenants: ['acme', 'globex', 'Initech'] });
let env: Record<string, string>;
const acme = () => context.server.tenants[0]?.id ?? '';

beforeAll(async () => {
  const admin = await signInSystemUser(context.server, 'SystemAdmin', 'root');
  env = {
    TENANTCTL_URL: context.server.url,
    TENANTCTL_TOKEN: admin.token,
    TENANTCTL_CONFIG: join(scratch, 'target.json'),
  };
});

describe('resolveTenant', () => {
  const resolve = async (text: string) => {
    const h = harness({ env });
    return resolveTenant(await h.deps.connect({}), text, {}, h.deps);
  };

  it('finds a tenant by its exact name, or by its id', async () => {
    expect(await resolve('globex')).toEqual({ id: context.server.tenants[1]?.id, name: 'globex' });
    expect(await resolve(acme())).toEqual({ id: acme(), name: 'acme' });
  });

  it('names near names when none matches, a name being case-sensitive', async () => {
    await expect(resolve('initech')).rejects.toMatchObject({
      exitCode: 2,
      message:
        'no tenant is named "initech" or has that id; near: Initech (tenantctl tenants list shows them all)',
    });
    await expect(resolve("o'brien")).rejects.toMatchObject({
      message: expect.stringMatching(/^no tenant is named "o'brien"/),
    });
  });
});

describe('get --tenant', () => {
  it('reads a tenant by id, with the fields only the by-id answer has', async () => {
    const h = harness({ env });
    expect(await get({ output: 'json', tenant: 'acme' }, h.deps)).toBe(0);
    expect(JSON.parse(h.stdout)).toMatchObject({
      id: acme(),
      name: 'acme',
      enabled: true,
      created_at: expect.any(String),
    });
    expect(context.server.requests.at(-1)).toBe(`GET /api/tenants/${acme()}`);
  });
});

describe('set --tenant', () => {
  it('sets a system-side limit by id, with If-Match, and says which tenant', async () => {
    const h = harness({ env });
    context.server.requests.length = 0;
    expect(await set({ assignments: ['max_extensions=50'], tenant: 'acme' }, h.deps)).toBe(0);
    expect(h.stdout).toBe('~ max_extensions  1000 → 50\n');
    expect(h.stderr).toBe(`Updated 1 field(s) of tenant "acme" (${acme()}).\n`);
    expect(context.server.requests.slice(-2)).toEqual([
      `GET /api/tenants/${acme()}`,
      `POST /api/tenants/${acme()}`,
    ]);
    expect(await context.server.stored(acme())).toMatchObject({ max_extensions: 50 });
  });

  it('refuses a field the by-id update does not take, sending nothing', async () => {
    context.server.requests.length = 0;
    await expect(
      set({ assignments: ['name=Renamed'], tenant: 'acme' }, harness({ env }).deps),
    ).rejects.toMatchObject({
      exitCode: 2,
      message: 'invalid settings, nothing was sent:\n  - name: cannot be set by id (POST /tenants/{id})',
    });
    expect(context.server.requests).toEqual([]);
  });

  it('without --tenant, still says the field is not settable there, and how it is', async () => {
    await expect(
      set({ assignments: ['max_extensions=50'] }, harness({ env: context.env }).deps),
    ).rejects.toMatchObject({
      exitCode: 2,
      message:
        'invalid settings, nothing was sent:\n  - max_extensions: is read-only and cannot be set here; a SystemAdmin or a Dealer sets it by id: tenantctl set --tenant ID|NAME max_extensions=…',
    });
  });

  it("is refused to a system user's session without --tenant: it acts on no tenant of its own", async () => {
    const error = await set({ assignments: ['log_retention=5'] }, harness({ env }).deps).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 });
  });
});

describe('apply and diff --tenant', () => {
  it('diffs and applies a file by id; fields the by-id update cannot set are refused, or dropped', async () => {
    const file = join(scratch, 'globex.yaml');
    writeFileSync(file, 'name: globex\nmax_call_queues: 7\nenabled: false\n');
    await expect(diff({ file, tenant: 'globex' }, harness({ env }).deps)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(
        /holds read-only fields, which cannot be set by id \(--tenant\): name\./,
      ),
    });
    const before = harness({ env });
    expect(await diff({ file, tenant: 'globex', dropReadOnly: true }, before.deps)).toBe(5);
    expect(before.stdout).toBe('~ max_call_queues  20 → 7\n~ enabled          yes → no\n');
    expect(await apply({ file, tenant: 'globex', dropReadOnly: true }, harness({ env }).deps)).toBe(0);
    expect(await diff({ file, tenant: 'globex', dropReadOnly: true }, harness({ env }).deps)).toBe(0);
    const after = harness({ env });
    await get({ output: 'json', tenant: 'globex' }, after.deps);
    expect(JSON.parse(after.stdout)).toMatchObject({ max_call_queues: 7, enabled: false });
  });
});

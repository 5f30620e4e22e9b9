// The admin operations in-process, over a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminError,
  createTenant,
  createToken,
  createUser,
  removeUser,
  setLimits,
  systemFieldNames,
} from '../src/admin.js';
import { verifyPassword } from '../src/auth/passwords.js';
import { openSqliteStore, type SqliteStore } from '../src/storage/sqlite-store.js';
import { hashToken } from '../src/tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'tenant-admin-'));
let store: SqliteStore;
beforeAll(() => {
  store = openSqliteStore({ path: join(dir, 'tenants.db') });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createTenant', () => {
  it("creates a tenant with the spec's defaults and the name", async () => {
    const tenant = await createTenant(store, 'Admin Co');
    expect((await store.readTenant(tenant.id))?.settings).toMatchObject({
      name: 'Admin Co',
      max_extensions: 1000,
      recording_retention: 180,
    });
  });

  it.each(['', '   '])('refuses an empty name %j', async (name) => {
    await expect(createTenant(store, name)).rejects.toThrow(new AdminError('--name must not be empty'));
  });

  it('refuses a name the spec refuses, naming the rule', async () => {
    await expect(createTenant(store, 'a\nb')).rejects.toThrow(
      /^invalid values, nothing was changed:\n {2}- name: must match /,
    );
  });
});

describe('createToken', () => {
  it('returns a token once and stores only its hash', async () => {
    const tenant = await createTenant(store, 'Tokens');
    const { token, tokenId } = await createToken(store, tenant.id);
    expect(token).toMatch(/^tnt_/);
    expect(tokenId).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(await store.findTokenOwner(hashToken(token))).toEqual({ tenantId: tenant.id, version: 1 });
  });

  it('refuses an unknown tenant', async () => {
    await expect(createToken(store, 'nope')).rejects.toThrow(new AdminError('no tenant with id nope'));
  });
});

describe('systemFieldNames', () => {
  it('is every read-only field but the id', () => {
    expect(systemFieldNames()).toEqual([
      'enable_billing',
      'enable_feature_billing',
      'enable_feature_call_statistics',
      'enable_feature_contact_center',
      'enable_feature_message_channels',
      'enable_feature_microsoft_teams',
      'enable_feature_trunks',
      'enable_feature_whats_app',
      'max_extensions',
      'max_concurrent_calls',
      'max_ring_groups',
      'max_virtual_receptionists',
      'max_call_queues',
      'max_conference_rooms',
      'disk_quota',
      'used_disk_quota',
      'im_disk_quota',
      'avatar_file_name',
      'avatar_file_size',
      'avatar_file_url',
    ]);
  });
});

describe('setLimits', () => {
  it('sets system-side fields typed by the spec, all in one write', async () => {
    const tenant = await createTenant(store, 'Limits');
    await setLimits(store, tenant.id, ['max_extensions=5000', 'enable_billing=true']);
    expect(await store.readTenant(tenant.id)).toMatchObject({
      settings: { max_extensions: 5000, enable_billing: true },
      version: 2,
    });
  });

  it.each([
    [['max_extensions=lots'], '  - max_extensions: must be an integer'],
    [['max_extensions=-1'], '  - max_extensions: must be >= 0'],
    [['name=x'], 'name: not a system-side field; these are: enable_billing,'],
    [['max_extensions'], '"max_extensions" is not KEY=VALUE (KEY= sets an empty string)'],
    [['=5'], 'an assignment with no KEY is not KEY=VALUE'],
    [[], 'give at least one KEY=VALUE'],
  ])('refuses %j, changing nothing', async (assignments, message) => {
    const tenant = await createTenant(store, 'Refused');
    await expect(setLimits(store, tenant.id, assignments)).rejects.toThrow(message);
    expect((await store.readTenant(tenant.id))?.version).toBe(1);
  });

  it('refuses an unknown tenant', async () => {
    await expect(setLimits(store, 'nope', ['max_extensions=1'])).rejects.toThrow('no tenant with id nope');
  });
});

describe('users', () => {
  it('creates a user with a scrypt hash of the password, role admin by default', async () => {
    const tenant = await createTenant(store, 'Users');
    const user = await createUser(store, { tenantId: tenant.id, username: 'alice', password: 'pw-alice' });
    expect(user).toMatchObject({
      tenantId: tenant.id,
      username: 'alice',
      role: 'admin',
      twoFactor: false,
      email: null,
    });
    expect(user.passwordHash).not.toContain('pw-alice');
    expect(await verifyPassword('pw-alice', user.passwordHash)).toBe(true);
    const second = await createUser(store, {
      tenantId: tenant.id,
      username: 'bob',
      password: 'pw-bob',
      role: 'viewer',
      twoFactor: true,
      email: 'bob@users.test',
    });
    expect(second).toMatchObject({ role: 'viewer', twoFactor: true, email: 'bob@users.test' });
    expect((await store.listUsers(tenant.id)).map((u) => u.username)).toEqual(['alice', 'bob']);
  });

  it.each([
    [{ username: '', password: 'x' }, '  - the user name: must be at least 1 character(s) long'],
    [{ username: 'a\tb', password: 'x' }, '  - the user name: must match'],
    [{ username: 'u'.repeat(65), password: 'x' }, '  - the user name: must be at most 64 characters long'],
    [{ username: 'ok', password: '' }, '  - the password: must be at least 1 character(s) long'],
    [{ username: 'ok', password: 'x', twoFactor: true }, '--two-factor needs --email: the codes are mailed'],
  ])('refuses %j', async (given, message) => {
    const tenant = await createTenant(store, 'Refusals');
    await expect(createUser(store, { tenantId: tenant.id, ...given })).rejects.toThrow(message);
    expect(await store.listUsers(tenant.id)).toEqual([]);
  });

  it('refuses a second user of the same name in a tenant, and an unknown tenant', async () => {
    const tenant = await createTenant(store, 'Twice');
    await createUser(store, { tenantId: tenant.id, username: 'same', password: 'x' });
    await expect(createUser(store, { tenantId: tenant.id, username: 'same', password: 'y' })).rejects.toThrow(
      new AdminError('the tenant already has a user named same'),
    );
    await expect(createUser(store, { tenantId: 'nope', username: 'x', password: 'y' })).rejects.toThrow(
      'no tenant with id nope',
    );
  });

  it('removes a user, and says so when there is none', async () => {
    const tenant = await createTenant(store, 'Removal');
    await createUser(store, { tenantId: tenant.id, username: 'gone', password: 'x' });
    await removeUser(store, tenant.id, 'gone');
    expect(await store.listUsers(tenant.id)).toEqual([]);
    await expect(removeUser(store, tenant.id, 'gone')).rejects.toThrow(
      `no user named gone in tenant ${tenant.id}`,
    );
  });
});

// Every behaviour the API and the admin commands rely on from a store, written once: each engine's test
// runs it against a store of its own.
import { applyUpdate, tenantFields } from '@tenantctl/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdminStore, AuthStore, SessionSecrets, TenantStore } from '../../src/storage/tenant-store.js';
import { hashToken } from '../../src/tokens.js';

export type AnyStore = TenantStore & AdminStore & AuthStore;

const NOW = Date.parse('2026-11-30T12:00:00Z');
const secrets = (
  name: string,
  accessExpiresAt = NOW + 1000,
  refreshExpiresAt = NOW + 10_000,
): SessionSecrets => ({
  accessHash: hashToken(`access-${name}`),
  accessExpiresAt,
  refreshHash: hashToken(`refresh-${name}`),
  refreshExpiresAt,
});
const newUser = (tenantId: string, username: string) => ({
  tenantId,
  username,
  passwordHash: 'scrypt$16384$8$1$salt$hash',
  role: 'admin',
  twoFactor: false,
  email: null,
});

export function describeStoreContract(engine: string, open: () => Promise<AnyStore>): void {
  describe(`store contract on ${engine}`, () => {
    it('creates tenants at version 1 and lists them in the order they were created', async () => {
      const store = await open();
      const names = Array.from({ length: 12 }, (_, i) => `Order ${i}`);
      const created = [];
      for (const name of names) created.push(await store.createTenant({ name, recording_retention: 180 }));
      expect(created.every((t) => t.version === 1)).toBe(true);
      const listed = (await store.listTenants()).filter((t) => t.name.startsWith('Order '));
      expect(listed).toEqual(created.map((t) => ({ id: t.id, name: t.settings.name })));
      expect(await store.readTenant(created[0]?.id ?? '')).toEqual({
        id: created[0]?.id,
        settings: { name: 'Order 0', recording_retention: 180 },
        version: 1,
      });
      expect(await store.readTenant('nope')).toBeUndefined();
      await store.close();
    });

    it('finds the owner of a token with the tenant version, until the token is revoked', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'Tokens' });
      const tokenId = await store.addToken(tenant.id, hashToken('tok'));
      expect(await store.findTokenOwner(hashToken('tok'))).toEqual({ tenantId: tenant.id, version: 1 });
      expect(await store.findTokenOwner(hashToken('other'))).toBeUndefined();
      await store.mergeSettings(tenant.id, { name: 'Tokens 2' });
      expect(await store.findTokenOwner(hashToken('tok'))).toEqual({ tenantId: tenant.id, version: 2 });
      expect(await store.revokeToken(tokenId)).toBe(true);
      expect(await store.revokeToken(tokenId)).toBe(false);
      expect(await store.revokeToken('nope')).toBe(false);
      expect(await store.findTokenOwner(hashToken('tok'))).toBeUndefined();
      await store.close();
    });

    it('merges a patch and increments the version by one per write', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'Merge', recording_retention: 180, log_retention: 30 });
      expect(await store.mergeSettings(tenant.id, { recording_retention: 90, website: 'x' })).toEqual({
        outcome: 'updated',
        version: 2,
      });
      expect(await store.mergeSettings(tenant.id, { log_retention: 7 })).toEqual({
        outcome: 'updated',
        version: 3,
      });
      expect(await store.readTenant(tenant.id)).toEqual({
        id: tenant.id,
        settings: { name: 'Merge', recording_retention: 90, log_retention: 7, website: 'x' },
        version: 3,
      });
      expect(await store.mergeSettings('nope', { name: 'x' })).toEqual({ outcome: 'not-found' });
      await expect(store.mergeSettings(tenant.id, { name: null })).rejects.toThrow(/never sets null/);
      await store.close();
    });

    it('replaces a nested object or a list whole, for every such field of the spec, and keeps the others', async () => {
      const store = await open();
      const nested = tenantFields().filter(
        (field) =>
          (field.type === 'object' || field.type === 'array') && (field.settable || field.settableById),
      );
      expect(nested.map((field) => field.name)).toEqual(
        expect.arrayContaining([
          'office_hours',
          'e164',
          'cdr_event',
          'extension_event',
          'outbound_caller_ids',
        ]),
      );
      for (const field of nested) {
        const example = field.example;
        // The example, then the same value with its first key (or item) left out: a partial value.
        const partial = Array.isArray(example)
          ? example.slice(1)
          : Object.fromEntries(Object.entries(example as Record<string, unknown>).slice(1));
        const tenant = await store.createTenant({ name: `Nested ${field.name}`, log_retention: 30 });
        await store.mergeSettings(tenant.id, { [field.name]: example });
        await store.mergeSettings(tenant.id, { [field.name]: partial });
        expect((await store.readTenant(tenant.id))?.settings, field.name).toEqual({
          name: `Nested ${field.name}`,
          log_retention: 30,
          [field.name]: partial,
        });
      }
      // The case that was found: a webhook turned on by a body naming only `enabled` is that body.
      const hook = await store.createTenant({ name: 'Webhook' });
      await store.mergeSettings(hook.id, {
        cdr_event: { enabled: false, url: 'https://hooks.example.com/cdr', auth: 'DISABLE' },
      });
      await store.mergeSettings(hook.id, { cdr_event: { enabled: true } });
      expect((await store.readTenant(hook.id))?.settings.cdr_event).toEqual({ enabled: true });
      await store.close();
    });

    it('stores exactly what the update rule says, for any sequence of updates (the rule as the model)', async () => {
      const store = await open();
      const keys = ['a_field', 'b_field', 'office_hours'];
      const json = fc.jsonValue({ maxDepth: 3 }).filter((value) => value !== null);
      // Nested nulls are left out: an update never holds one (the spec refuses them).
      const noNulls = (value: unknown): boolean =>
        value !== null &&
        (typeof value !== 'object' || Object.values(value as object).every((inner) => noNulls(inner)));
      const patch = fc.dictionary(fc.constantFrom(...keys), json.filter(noNulls), { maxKeys: 3 });
      await fc.assert(
        fc.asyncProperty(fc.array(patch, { minLength: 1, maxLength: 4 }), async (patches) => {
          const tenant = await store.createTenant({ name: 'Model' });
          let model: Record<string, unknown> = { name: 'Model' };
          for (const update of patches) {
            await store.mergeSettings(tenant.id, update);
            model = applyUpdate(model, update);
          }
          expect((await store.readTenant(tenant.id))?.settings).toEqual(model);
        }),
        { numRuns: 40 },
      );
      await store.close();
    });

    it('writes only when the version is one of ifVersion, and says why it did not', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'If' });
      expect(await store.mergeSettings(tenant.id, { name: 'A' }, { ifVersion: [2] })).toEqual({
        outcome: 'precondition-failed',
      });
      expect(await store.mergeSettings(tenant.id, { name: 'B' }, { ifVersion: [] })).toEqual({
        outcome: 'precondition-failed',
      });
      expect(await store.mergeSettings(tenant.id, { name: 'C' }, { ifVersion: [7, 1] })).toEqual({
        outcome: 'updated',
        version: 2,
      });
      expect(await store.mergeSettings('nope', { name: 'D' }, { ifVersion: [1] })).toEqual({
        outcome: 'not-found',
      });
      expect((await store.readTenant(tenant.id))?.settings.name).toBe('C');
      await store.close();
    });

    it('lets exactly one of many racing conditional writes through', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'Race' });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.mergeSettings(tenant.id, { name: `w${i}` }, { ifVersion: [1] }),
        ),
      );
      expect(outcomes.filter((o) => o.outcome === 'updated')).toHaveLength(1);
      expect(outcomes.filter((o) => o.outcome === 'precondition-failed')).toHaveLength(19);
      await store.close();
    });

    it('has an instance id that stays the same across openings', async () => {
      const first = await open();
      const id = first.instanceId;
      await first.close();
      const again = await open();
      expect(again.instanceId).toBe(id);
      expect(id).toMatch(/^[0-9a-f]{16}$/);
      await again.close();
    });

    it('keeps users per tenant: one name once per tenant, found by name and domain, removed with their sessions', async () => {
      const store = await open();
      const first = await store.createTenant({ name: 'Users A', domain: 'a.users.test' });
      const second = await store.createTenant({ name: 'Users B', domain: 'b.users.test' });
      const alice = await store.createUser(newUser(first.id, 'u-alice'));
      expect(alice).toMatchObject({ tenantId: first.id, username: 'u-alice', twoFactor: false, email: null });
      expect(await store.createUser(newUser(first.id, 'u-alice'))).toBeUndefined();
      const twin = await store.createUser({
        ...newUser(second.id, 'u-alice'),
        twoFactor: true,
        email: 'a@b.test',
      });
      expect((await store.findUsers('u-alice')).map((u) => u.tenantId).sort()).toEqual(
        [first.id, second.id].sort(),
      );
      expect(await store.findUsers('u-alice', 'b.users.test')).toEqual([twin]);
      expect(await store.findUsers('u-nobody')).toEqual([]);
      expect(await store.listUsers(first.id)).toEqual([alice]);
      await store.createSession(alice?.id ?? '', secrets('removed'));
      expect(await store.removeUser(first.id, 'u-alice')).toBe(true);
      expect(await store.removeUser(first.id, 'u-alice')).toBe(false);
      expect(await store.sessionUser(hashToken('access-removed'), NOW)).toBeUndefined();
      expect(await store.findTokenOwner(hashToken('access-removed'), NOW)).toBeUndefined();
      await store.close();
    });
  });
}

/** The sign-in state every store keeps (auth-store-core.ts), written once like the contract above. */
export function describeSignInContract(engine: string, open: () => Promise<AnyStore>): void {
  describe(`sign-in contract on ${engine}`, () => {
    it('serves a session until its access token expires or it ends; its access token finds the tenant', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'Sessions' });
      const user = await store.createUser(newUser(tenant.id, 's-user'));
      await store.createSession(user?.id ?? '', secrets('s1'));
      expect(await store.sessionUser(hashToken('access-s1'), NOW)).toEqual(user);
      expect(await store.findTokenOwner(hashToken('access-s1'), NOW)).toEqual({
        tenantId: tenant.id,
        version: 1,
      });
      expect(await store.sessionUser(hashToken('access-s1'), NOW + 1000)).toBeUndefined();
      expect(await store.findTokenOwner(hashToken('access-s1'), NOW + 1000)).toBeUndefined();
      // A refresh token is no access token.
      expect(await store.findTokenOwner(hashToken('refresh-s1'), NOW)).toBeUndefined();
      expect(await store.endSession(hashToken('access-s1'), NOW)).toBe(true);
      expect(await store.endSession(hashToken('access-s1'), NOW)).toBe(false);
      expect(await store.sessionUser(hashToken('access-s1'), NOW)).toBeUndefined();
      await store.close();
    });

    it('rotates a refresh token once; its reuse ends the whole session; an expired one is unknown', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'Rotation' });
      const user = await store.createUser(newUser(tenant.id, 'r-user'));
      await store.createSession(user?.id ?? '', secrets('r1'));
      expect(await store.rotateRefreshToken(hashToken('refresh-r1'), secrets('r2'), NOW)).toEqual({
        outcome: 'rotated',
        user,
      });
      expect(await store.sessionUser(hashToken('access-r1'), NOW)).toBeUndefined();
      expect(await store.sessionUser(hashToken('access-r2'), NOW)).toEqual(user);
      expect(await store.rotateRefreshToken(hashToken('refresh-r1'), secrets('r3'), NOW)).toEqual({
        outcome: 'reused',
      });
      expect(await store.sessionUser(hashToken('access-r2'), NOW)).toBeUndefined();
      expect(await store.rotateRefreshToken(hashToken('refresh-r2'), secrets('r4'), NOW)).toEqual({
        outcome: 'unknown',
      });
      await store.createSession(user?.id ?? '', secrets('old', NOW + 1, NOW + 2));
      expect(await store.rotateRefreshToken(hashToken('refresh-old'), secrets('r5'), NOW + 2)).toEqual({
        outcome: 'unknown',
      });
      expect(await store.rotateRefreshToken(hashToken('refresh-never'), secrets('r6'), NOW)).toEqual({
        outcome: 'unknown',
      });
      await store.close();
    });

    it('lets exactly one of many racing refreshes with the same token rotate it', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'Racing refresh' });
      const user = await store.createUser(newUser(tenant.id, 'race-user'));
      await store.createSession(user?.id ?? '', secrets('race'));
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.rotateRefreshToken(hashToken('refresh-race'), secrets(`race-${i}`), NOW),
        ),
      );
      expect(outcomes.filter((o) => o.outcome === 'rotated')).toHaveLength(1);
      await store.close();
    });

    it('keeps sign-ins waiting for a code: its code, its tries, until it ends', async () => {
      const store = await open();
      const tenant = await store.createTenant({ name: 'Flows' });
      const user = await store.createUser({
        ...newUser(tenant.id, 'f-user'),
        twoFactor: true,
        email: 'f@x.test',
      });
      const flow = hashToken('flow-1');
      await store.createSignInFlow(flow, user?.id ?? '', NOW + 600);
      expect(await store.signInFlow(flow)).toEqual({
        user,
        expiresAt: NOW + 600,
        codeHash: null,
        codeExpiresAt: null,
        tries: 0,
      });
      await store.setFlowCode(flow, hashToken('123456'), NOW + 300);
      expect(await store.countFlowTry(flow)).toBe(1);
      expect(await store.countFlowTry(flow)).toBe(2);
      await store.setFlowCode(flow, hashToken('654321'), NOW + 400);
      const read = await store.signInFlow(flow);
      expect(read).toMatchObject({ codeExpiresAt: NOW + 400, tries: 2 });
      expect(read?.codeHash?.equals(hashToken('654321'))).toBe(true);
      await store.endSignInFlow(flow);
      expect(await store.signInFlow(flow)).toBeUndefined();
      expect(await store.signInFlow(hashToken('flow-unknown'))).toBeUndefined();
      await store.close();
    });

    it('counts failed sign-ins per account and address; a success forgets only its own pair', async () => {
      const store = await open();
      for (const at of [NOW - 2000, NOW - 1000]) await store.recordFailedSignIn(['user:a'], 'X', at);
      await store.recordFailedSignIn(['user:a', 'user:b'], 'Y', NOW);
      await store.recordFailedSignIn(['user:c'], 'X', NOW);
      await store.recordFailedSignIn(['user:d'], 'Z', NOW);
      const sorted = (failures: { account: string; address: string; at: number }[]) =>
        [...failures].sort((p, q) => p.at - q.at || p.account.localeCompare(q.account));
      // The accounts' failures from anywhere, and the address's for any account.
      expect(sorted(await store.signInFailures(['user:a'], 'X', NOW - 1500))).toEqual([
        { account: 'user:a', address: 'X', at: NOW - 1000 },
        { account: 'user:a', address: 'Y', at: NOW },
        { account: 'user:c', address: 'X', at: NOW },
      ]);
      expect(await store.signInFailures([], 'Q', 0)).toEqual([]);
      expect(await store.isKnownSignInAddress('user:a', 'X', 0)).toBe(false);
      await store.recordSignIn('user:a', 'X', NOW);
      expect(sorted(await store.signInFailures(['user:a', 'user:b'], 'X', 0))).toEqual([
        { account: 'user:a', address: 'Y', at: NOW },
        { account: 'user:b', address: 'Y', at: NOW },
        { account: 'user:c', address: 'X', at: NOW },
      ]);
      expect(await store.isKnownSignInAddress('user:a', 'X', NOW - 1)).toBe(true);
      expect(await store.isKnownSignInAddress('user:a', 'X', NOW)).toBe(false);
      expect(await store.isKnownSignInAddress('user:a', 'Y', 0)).toBe(false);
      await store.recordSignIn('user:a', 'X', NOW + 5000); // known again, later
      expect(await store.isKnownSignInAddress('user:a', 'X', NOW + 4000)).toBe(true);
      // Failures older than a day go as new ones are recorded.
      await store.recordFailedSignIn(['user:e'], 'X', NOW + 86_400_000 + 1);
      expect(await store.signInFailures(['user:d'], 'Z', 0)).toEqual([]);
      await store.close();
    });
  });
}

// Every behaviour the API and the admin commands rely on from a store, written once: each engine's test
// runs it against a store of its own.
import { describe, expect, it } from 'vitest';
import type { AdminStore, TenantStore } from '../../src/storage/tenant-store.js';
import { hashToken } from '../../src/tokens.js';

export type AnyStore = TenantStore & AdminStore;

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
  });
}

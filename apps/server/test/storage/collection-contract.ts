// The tenant collection's behaviour every store must have, written once and run on each engine: pages
// that stay stable while tenants are created, filters and search, dealers, and a destroy that takes the
// tenant's users, sessions and tokens with it in one go.
import { describe, expect, it } from 'vitest';
import type { AdminStore, AuthStore, CollectionStore, TenantStore } from '../../src/storage/tenant-store.js';
import { hashToken } from '../../src/tokens.js';

export type CollectionContractStore = TenantStore & AdminStore & AuthStore & CollectionStore;

const NOW = Date.parse('2026-11-30T12:00:00Z');
const user = (tenantId: string | null, username: string, role = 'admin') => ({
  tenantId,
  username,
  passwordHash: 'scrypt$16384$8$1$salt$hash',
  role,
  twoFactor: false,
  email: null,
});

/** A dealer of its own, so that a test sees only the tenants it made (the store is shared). */
async function newDealer(store: CollectionContractStore, name: string) {
  const dealer = await store.createUser(user(null, name, 'Dealer'));
  if (!dealer) throw new Error(`no dealer ${name}`);
  return dealer;
}

export function describeCollectionContract(
  engine: string,
  open: () => Promise<CollectionContractStore>,
): void {
  describe(`collection contract on ${engine}`, () => {
    it('breaks ties in any order by creation order, ascending and descending, blanks first or last alike', async () => {
      const store = await open();
      const dealer = await newDealer(store, `ties-${engine}`);
      // Six tenants, three values of one field: each value shared, one blank, made in an order that
      // is none of the sorted ones.
      const made = [
        { name: 'T1', max_extensions: 5 },
        { name: 'T2', max_extensions: 9 },
        { name: 'T3' },
        { name: 'T4', max_extensions: 5 },
        { name: 'T5', max_extensions: 9 },
        { name: 'T6' },
      ];
      for (const settings of made) await store.createTenant(settings, { dealerId: dealer.id });
      const names = async (descending: boolean, skip = 0, top = 100) =>
        (
          await store.listTenantPage({
            dealerId: dealer.id,
            orderBy: { field: 'max_extensions', descending },
            skip,
            top,
          })
        ).items.map((tenant) => tenant.settings.name);
      expect(await names(false)).toEqual(['T3', 'T6', 'T1', 'T4', 'T2', 'T5']);
      expect(await names(true)).toEqual(['T2', 'T5', 'T1', 'T4', 'T3', 'T6']);
      // Pages of a tied order never repeat or skip a tenant.
      const paged = [...(await names(true, 0, 3)), ...(await names(true, 3, 3))];
      expect(paged).toEqual(await names(true));
      // Users in the order they were made, in one tenant and across tenants.
      const tenant = (await store.listTenantPage({ dealerId: dealer.id, skip: 0, top: 1 })).items[0];
      for (const username of ['zed', 'amy', 'kim'])
        await store.createUser(user(tenant?.id ?? null, username));
      expect((await store.listUsers(tenant?.id)).map((u) => u.username)).toEqual(['zed', 'amy', 'kim']);
      const everyone = (await store.listUsers()).map((u) => u.username);
      expect(everyone.slice(everyone.indexOf('zed'), everyone.indexOf('zed') + 3)).toEqual([
        'zed',
        'amy',
        'kim',
      ]);
      await store.close();
    });

    it('walks every tenant exactly once with skip/top, while tenants are created during the walk', async () => {
      const store = await open();
      const dealer = await newDealer(store, `walker-${engine}`);
      const made = new Set<string>();
      for (let i = 0; i < 25; i++)
        made.add((await store.createTenant({ name: `Walk ${i}` }, { dealerId: dealer.id })).id);
      const seen: string[] = [];
      for (let skip = 0; ; skip += 7) {
        const page = await store.listTenantPage({ dealerId: dealer.id, skip, top: 7 });
        seen.push(...page.items.map((item) => item.id));
        if (page.items.length < 7) break;
        // A tenant created mid-walk lands after every tenant already there: the order is creation's.
        made.add((await store.createTenant({ name: `Walk late ${skip}` }, { dealerId: dealer.id })).id);
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(made);
      await store.close();
    });

    it('counts what matches, and filters, searches and orders by the summary fields', async () => {
      const store = await open();
      const dealer = await newDealer(store, `filterer-${engine}`);
      const mine = { dealerId: dealer.id };
      await store.createTenant(
        { name: 'Alpha', domain: 'alpha.example', enabled: true, max_extensions: 10 },
        mine,
      );
      await store.createTenant(
        { name: 'beta', domain: 'B.example', enabled: false, max_extensions: 20 },
        mine,
      );
      await store.createTenant(
        { name: "Gamma O'Neil", domain: null, enabled: true, max_extensions: 10 },
        mine,
      );
      const names = async (
        query: Omit<Parameters<CollectionContractStore['listTenantPage']>[0], 'skip' | 'top' | 'dealerId'>,
      ) =>
        (await store.listTenantPage({ ...query, dealerId: dealer.id, skip: 0, top: 100 })).items.map(
          (item) => item.settings.name,
        );
      expect(await names({})).toEqual(['Alpha', 'beta', "Gamma O'Neil"]);
      expect(await names({ search: 'B.EX' })).toEqual(['beta']);
      expect(await names({ search: "o'n" })).toEqual(["Gamma O'Neil"]);
      expect(await names({ search: '%' })).toEqual([]);
      expect(await names({ filter: [{ field: 'enabled', op: 'eq', value: true }] })).toEqual([
        'Alpha',
        "Gamma O'Neil",
      ]);
      expect(await names({ filter: [{ field: 'enabled', op: 'ne', value: true }] })).toEqual(['beta']);
      expect(await names({ filter: [{ field: 'max_extensions', op: 'eq', value: 10 }] })).toEqual([
        'Alpha',
        "Gamma O'Neil",
      ]);
      expect(await names({ filter: [{ field: 'domain', op: 'eq', value: null }] })).toEqual(["Gamma O'Neil"]);
      expect(await names({ filter: [{ field: 'domain', op: 'ne', value: null }] })).toEqual([
        'Alpha',
        'beta',
      ]);
      expect(
        await names({
          filter: [
            { field: 'enabled', op: 'eq', value: true },
            { field: 'name', op: 'ne', value: 'Alpha' },
          ],
        }),
      ).toEqual(["Gamma O'Neil"]);
      expect(await names({ orderBy: { field: 'max_extensions', descending: true } })).toEqual([
        'beta',
        'Alpha',
        "Gamma O'Neil",
      ]);
      const page = await store.listTenantPage({ dealerId: dealer.id, skip: 1, top: 1 });
      expect(page.count).toBe(3);
      expect(page.items).toHaveLength(1);
      const [first] = (await store.listTenantPage({ dealerId: dealer.id, skip: 0, top: 1 })).items;
      expect(first?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(first?.dealerId).toBe(dealer.id);
      expect(await store.readTenantRow(first?.id ?? '')).toEqual(first);
      // The id and the creation time are columns, not settings: null and values compare as text.
      expect(await names({ filter: [{ field: 'id', op: 'ne', value: null }] })).toHaveLength(3);
      expect(await names({ filter: [{ field: 'created_at', op: 'eq', value: null }] })).toEqual([]);
      expect(await names({ filter: [{ field: 'id', op: 'eq', value: first?.id ?? '' }] })).toEqual(['Alpha']);
      expect(
        await names({ filter: [{ field: 'created_at', op: 'eq', value: first?.createdAt ?? '' }] }),
      ).toContain('Alpha');
      await store.close();
    });

    it('assigns a dealer, and finds system users by name and users by id', async () => {
      const store = await open();
      const dealer = await newDealer(store, `assigner-${engine}`);
      const tenant = await store.createTenant({ name: 'Assigned' });
      expect((await store.readTenantRow(tenant.id))?.dealerId).toBeNull();
      expect(await store.assignDealer(tenant.id, dealer.id)).toBe(true);
      expect((await store.readTenantRow(tenant.id))?.dealerId).toBe(dealer.id);
      expect(await store.assignDealer('AAAAAAAAAAAAAAAAAAAAAAAA', dealer.id)).toBe(false);
      expect(await store.systemUser(`assigner-${engine}`)).toEqual(dealer);
      expect(await store.userById(dealer.id)).toEqual(dealer);
      // A tenant's user of the same name is not a system user, and a system user's name is unique.
      await store.createUser(user(tenant.id, `assigner-${engine}`));
      expect(await store.systemUser(`assigner-${engine}`)).toEqual(dealer);
      expect(await store.createUser(user(null, `assigner-${engine}`, 'SystemAdmin'))).toBeUndefined();
      await store.close();
    });

    it("destroys a tenant with its users, sessions and tokens, and leaves the others' alone", async () => {
      const store = await open();
      const doomed = await store.createTenant({ name: 'Doomed' });
      const kept = await store.createTenant({ name: 'Kept' });
      const admin = await store.createUser(user(doomed.id, 'doomed-admin'));
      const other = await store.createUser(user(kept.id, 'kept-admin'));
      const system = await store.createUser(user(null, `switcher-${engine}`, 'SystemAdmin'));
      if (!admin || !other || !system) throw new Error('users not created');
      const session = (name: string) => ({
        accessHash: hashToken(`access-${engine}-${name}`),
        accessExpiresAt: NOW + 60_000,
        refreshHash: hashToken(`refresh-${engine}-${name}`),
        refreshExpiresAt: NOW + 600_000,
      });
      await store.createSession(admin.id, session('doomed'));
      await store.createSession(other.id, session('kept'));
      await store.createSession(system.id, session('system'));
      expect(await store.switchSessionTenant(hashToken(`access-${engine}-system`), doomed.id, NOW)).toBe(
        true,
      );
      await store.addToken(doomed.id, hashToken(`token-${engine}-doomed`));
      await store.addToken(kept.id, hashToken(`token-${engine}-kept`));

      expect(await store.destroyTenant(doomed.id)).toBe(true);
      expect(await store.readTenant(doomed.id)).toBeUndefined();
      expect(await store.findTokenOwner(hashToken(`token-${engine}-doomed`), NOW)).toBeUndefined();
      expect(await store.findTokenOwner(hashToken(`access-${engine}-doomed`), NOW)).toBeUndefined();
      expect(await store.listUsers(doomed.id)).toEqual([]);
      // The system user's session survives, acting on no tenant again.
      expect(await store.sessionUser(hashToken(`access-${engine}-system`), NOW)).toEqual(system);
      expect(await store.findTokenOwner(hashToken(`access-${engine}-system`), NOW)).toBeUndefined();
      // Nothing of the other tenant went with it.
      expect(await store.findTokenOwner(hashToken(`token-${engine}-kept`), NOW)).toMatchObject({
        tenantId: kept.id,
      });
      expect(await store.findTokenOwner(hashToken(`access-${engine}-kept`), NOW)).toMatchObject({
        tenantId: kept.id,
      });
      expect(await store.destroyTenant(doomed.id)).toBe(false);
      await store.close();
    });
  });
}

// The store core on every engine: the store and collection contracts, and proof that they call every
// method the core has (a method no contract reaches could differ between the engines unseen).
import { describe, expect, it } from 'vitest';
import { authStoreCore } from '../../src/storage/auth-store-core.js';
import { sqliteDialect } from '../../src/storage/sql-dialect.js';
import type { SqlSession } from '../../src/storage/sql-session.js';
import { storeCore } from '../../src/storage/store-core.js';
import { describeCollectionContract } from './collection-contract.js';
import { everyEngine, recording } from './every-engine.js';
import { describeStoreContract } from './store-contract.js';

/** A session that is never used: the cores are made only to list their methods. */
const unused: SqlSession = {
  rows: () => Promise.reject(new Error('unused')),
  run: () => Promise.reject(new Error('unused')),
  transaction: () => Promise.reject(new Error('unused')),
};
const signIn = new Set(Object.keys(authStoreCore(unused, sqliteDialect)));
/** The core's own methods (the sign-in state's are auth-store-core.test.ts's); the SQLite room wraps one. */
const methods = Object.keys(storeCore(unused, sqliteDialect)).filter(
  (name) => !signIn.has(name) && name !== 'findTokenOwnerUntil',
);

for (const engine of await everyEngine('store-core')) {
  const called = new Set<string>();
  const open = async () => recording(await engine.open(), called);
  describeStoreContract(engine.name, open);
  describeCollectionContract(engine.name, open);
  describe(`the contracts on ${engine.name}`, () => {
    it('call every method of the store core', () => {
      expect(methods.length).toBeGreaterThan(15);
      expect(methods.filter((name) => !called.has(name))).toEqual([]);
    });
  });
}

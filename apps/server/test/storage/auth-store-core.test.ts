// The sign-in state of the store core on every engine: the sign-in contract, and proof that it calls
// every method of that part of the core.
import { describe, expect, it } from 'vitest';
import { authStoreCore } from '../../src/storage/auth-store-core.js';
import { sqliteDialect } from '../../src/storage/sql-dialect.js';
import type { SqlSession } from '../../src/storage/sql-session.js';
import { everyEngine, recording } from './every-engine.js';
import { describeSignInContract } from './store-contract.js';

const unused: SqlSession = {
  rows: () => Promise.reject(new Error('unused')),
  run: () => Promise.reject(new Error('unused')),
  transaction: () => Promise.reject(new Error('unused')),
};
const methods = Object.keys(authStoreCore(unused, sqliteDialect));

for (const engine of await everyEngine('auth-store-core')) {
  const called = new Set<string>();
  describeSignInContract(engine.name, async () => recording(await engine.open(), called));
  describe(`the sign-in contract on ${engine.name}`, () => {
    it('calls every method of the sign-in part of the core', () => {
      expect(methods.length).toBeGreaterThan(10);
      expect(methods.filter((name) => !called.has(name))).toEqual([]);
    });
  });
}

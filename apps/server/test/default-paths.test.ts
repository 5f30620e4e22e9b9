import { describe, expect, it } from 'vitest';
import { defaultDatabasePath } from '../src/default-paths.js';

describe('defaultDatabasePath', () => {
  it('is TENANT_SERVER_DB, else data/tenants.db in the server package', () => {
    const saved = process.env.TENANT_SERVER_DB;
    try {
      process.env.TENANT_SERVER_DB = '/srv/t.db';
      expect(defaultDatabasePath()).toBe('/srv/t.db');
      delete process.env.TENANT_SERVER_DB;
      expect(defaultDatabasePath()).toMatch(/apps\/server\/data\/tenants\.db$/);
    } finally {
      if (saved === undefined) delete process.env.TENANT_SERVER_DB;
      else process.env.TENANT_SERVER_DB = saved;
    }
  });
});

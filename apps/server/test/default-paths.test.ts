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

describe('chooseDatabase', () => {
  it('is --database, else --db, else TENANT_SERVER_DATABASE, else the SQLite default', async () => {
    const { chooseDatabase } = await import('../src/default-paths.js');
    const saved = process.env.TENANT_SERVER_DATABASE;
    try {
      process.env.TENANT_SERVER_DATABASE = 'postgres://db/env';
      expect(chooseDatabase({ database: 'postgres://db/flag', db: '/x.db' })).toBe('postgres://db/flag');
      expect(chooseDatabase({ db: '/x.db' })).toBe('/x.db');
      expect(chooseDatabase({})).toBe('postgres://db/env');
      process.env.TENANT_SERVER_DATABASE = '';
      expect(chooseDatabase({})).toBe(defaultDatabasePath());
    } finally {
      if (saved === undefined) delete process.env.TENANT_SERVER_DATABASE;
      else process.env.TENANT_SERVER_DATABASE = saved;
    }
  });
});

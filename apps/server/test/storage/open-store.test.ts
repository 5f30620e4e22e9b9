import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPostgresUrl, openStore } from '../../src/storage/open-store.js';
import { postgresForFile } from '../support/postgres.js';

const server = await postgresForFile();

describe('openStore', () => {
  it('reads postgres:// and postgresql:// URLs as PostgreSQL, anything else as a SQLite path', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true);
    expect(isPostgresUrl('POSTGRES://u@h/db')).toBe(true);
    expect(isPostgresUrl('data/tenants.db')).toBe(false);
    expect(isPostgresUrl('/var/lib/postgres/tenants.db')).toBe(false);
  });

  it('opens a SQLite file', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'open-store-')), 't.db'));
    expect(store.engine).toMatch(/sqlite/);
    await store.close();
  });

  it.runIf(server)('opens PostgreSQL by its URL', async () => {
    const store = await openStore((await server?.createDatabase()) ?? '');
    expect(store.engine).toBe('postgres');
    await store.close();
  });
});
